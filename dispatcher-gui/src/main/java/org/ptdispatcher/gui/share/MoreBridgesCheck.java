package org.ptdispatcher.gui.share;

import org.ptdispatcher.gui.profile.FieldProblem;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileField;

import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with a profile's {@linkplain Profile#moreBridges more bridges}. Only a client has
 * them. Through Tor each must be a Tor bridge line of a transport the engine runs; without Tor, a
 * bridge line or an {@code ss://} link of one, and the engine must be ours, which runs them through
 * its Optimizer ({@code engine.OptimizerLaunch}). Problems name a bridge by its place in the list
 * (from 1), never by its text, which holds secrets.
 */
public final class MoreBridgesCheck {
    /** The engine's transport that chooses among others; only the built-in engine has it. */
    public static final String OPTIMIZER = "Optimizer";

    private MoreBridgesCheck() {
    }

    public static List<FieldProblem> problems(Profile profile, ProfileImport.TransportCheck engine, boolean builtInEngine) {
        List<FieldProblem> problems = new ArrayList<>();
        if (profile.moreBridges().isEmpty()) {
            return problems;
        }
        if (!profile.isClient()) {
            problems.add(FieldProblem.of(ProfileField.MORE_BRIDGES, "problem.moreBridges.server"));
            return problems;
        }
        if (!profile.throughTor() && (!builtInEngine || engine.refusal(OPTIMIZER).isPresent())) {
            problems.add(FieldProblem.of(ProfileField.MORE_BRIDGES, "problem.moreBridges.needsBuiltInEngine"));
            return problems;
        }
        List<String> lines = profile.moreBridges();
        for (int i = 0; i < lines.size(); i++) {
            String place = String.valueOf(i + 1);
            try {
                Profile bridge = ProfileImport.fromLine(lines.get(i));
                if (profile.throughTor() && bridge.transport().equals(ProfileImport.SHADOW)) {
                    // an ss:// link is no Tor bridge
                    problems.add(FieldProblem.of(ProfileField.MORE_BRIDGES, "problem.moreBridges.malformed", place));
                    continue;
                }
                engine.refusal(bridge.transport()).ifPresent(runs -> problems.add(
                        FieldProblem.of(ProfileField.MORE_BRIDGES, "problem.moreBridges.transportNotRun", place, bridge.transport(), runs)));
            } catch (ShareFormatException e) {
                problems.add(FieldProblem.of(ProfileField.MORE_BRIDGES, "problem.moreBridges.malformed", place));
            }
        }
        return problems;
    }
}
