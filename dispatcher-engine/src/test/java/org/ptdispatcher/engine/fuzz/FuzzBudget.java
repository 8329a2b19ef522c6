package org.ptdispatcher.engine.fuzz;

/**
 * How long each fuzz test fuzzes in one run when {@code JAZZER_FUZZ} is set (otherwise the fuzz
 * tests only run their seed corpus, as plain tests, in every build). Short, for CI's budget of a
 * few minutes for every target together ({@code .ci/run} runs {@code fuzz.sh} at the top of the repository
 * with its defaults); {@code ./fuzz.sh --rounds N} runs each target N times for a longer session,
 * each round starting from the corpus the last one grew (Jazzer keeps it in {@code .cifuzz-corpus}).
 */
public final class FuzzBudget {
    // 20 targets: with Maven's start for each, one round is about 5 minutes.
    public static final String PER_TARGET = "5s";

    private FuzzBudget() {
    }
}
