package org.ptdispatcher.gui.share;

import org.ptdispatcher.gui.profile.FieldProblem;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileField;

import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with a profile's {@linkplain Profile#moreBridges more bridges}: they go to tor, so
 * the profile must run through Tor, and each must be a bridge line of a transport the engine runs.
 * Problems name a bridge by its place in the list (from 1), never by its text, which holds secrets.
 */
public final class MoreBridgesCheck {
    private MoreBridgesCheck() {
    }

    public static List<FieldProblem> problems(Profile profile, ProfileImport.TransportCheck engine) {
        List<FieldProblem> problems = new ArrayList<>();
        if (profile.moreBridges().isEmpty()) {
            return problems;
        }
        if (!profile.throughTor()) {
            problems.add(FieldProblem.of(ProfileField.MORE_BRIDGES, "problem.moreBridges.onlyThroughTor"));
            return problems;
        }
        List<String> lines = profile.moreBridges();
        for (int i = 0; i < lines.size(); i++) {
            String place = String.valueOf(i + 1);
            try {
                BridgeLine bridge = BridgeLine.parse(lines.get(i));
                engine.refusal(bridge.transport()).ifPresent(runs -> problems.add(
                        FieldProblem.of(ProfileField.MORE_BRIDGES, "problem.moreBridges.transportNotRun", place, bridge.transport(), runs)));
            } catch (ShareFormatException e) {
                problems.add(FieldProblem.of(ProfileField.MORE_BRIDGES, "problem.moreBridges.malformed", place));
            }
        }
        return problems;
    }
}
