package org.ptdispatcher.gui.share;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.profile.FieldProblem;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileField;
import org.ptdispatcher.gui.profile.TorMode;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MoreBridgesCheckTest {
    private static final String BRIDGE = "obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 cert=AAAA iat-mode=0";
    private static final String LINK = "ss://YWVzLTI1Ni1nY206c2VjcmV0@198.51.100.4:8388#Home";
    private static final ProfileImport.TransportCheck RUNS_OBFS4 = t -> t.equals("obfs4") ? Optional.empty() : Optional.of("obfs4");

    private static Profile throughTor(List<String> more) {
        return ProfileImport.parse(BRIDGE).profiles().get(0).toBuilder().moreBridges(more).build();
    }

    @Test
    void bridgeLinesOfTransportsTheEngineRunsHaveNoProblem() {
        assertEquals(List.of(), MoreBridgesCheck.problems(throughTor(List.of("Bridge " + BRIDGE, "obfs4 192.0.2.4:443 cert=BBBB")), RUNS_OBFS4, true));
    }

    @Test
    void eachBadLineIsNamedByItsPlaceNeverByItsText() {
        List<FieldProblem> problems = MoreBridgesCheck.problems(
                throughTor(List.of(BRIDGE, "obfs4 nowhere cert=SECRET", "snowflake 192.0.2.5:80 2B280B23E1107BB62ABFC40DDCC8824814F80A72", LINK)),
                RUNS_OBFS4, true);
        assertEquals(List.of(FieldProblem.of(ProfileField.MORE_BRIDGES, "problem.moreBridges.malformed", "2"),
                FieldProblem.of(ProfileField.MORE_BRIDGES, "problem.moreBridges.transportNotRun", "3", "snowflake", "obfs4"),
                FieldProblem.of(ProfileField.MORE_BRIDGES, "problem.moreBridges.malformed", "4")), problems, "an ss:// link is no Tor bridge");
    }

    @Test
    void withoutTorLinksAndBridgeLinesAreFineForTheBuiltInEngineWhoseOptimizerRunsThem() {
        Profile direct = throughTor(List.of(BRIDGE, LINK)).toBuilder().torMode(TorMode.DIRECT).build();
        ProfileImport.TransportCheck runsAll = t -> Optional.empty();
        assertEquals(List.of(), MoreBridgesCheck.problems(direct, runsAll, true));
        assertEquals(List.of(FieldProblem.of(ProfileField.MORE_BRIDGES, "problem.moreBridges.needsBuiltInEngine")),
                MoreBridgesCheck.problems(direct, runsAll, false), "another PT program has no Optimizer");
        assertEquals(List.of(FieldProblem.of(ProfileField.MORE_BRIDGES, "problem.moreBridges.needsBuiltInEngine")),
                MoreBridgesCheck.problems(direct, RUNS_OBFS4, true), "an engine without the Optimizer");
    }

    @Test
    void aServerHasNoMoreBridges() {
        Profile server = Profile.builder(Role.SERVER).transport("obfs4").moreBridges(List.of(BRIDGE)).build();
        assertEquals(List.of(FieldProblem.of(ProfileField.MORE_BRIDGES, "problem.moreBridges.server")), MoreBridgesCheck.problems(server, RUNS_OBFS4, true));
    }
}
