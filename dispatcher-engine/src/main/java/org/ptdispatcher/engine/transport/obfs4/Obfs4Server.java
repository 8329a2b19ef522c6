package org.ptdispatcher.engine.transport.obfs4;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.TransportServer;
import org.ptdispatcher.engine.transport.obfs4.drbg.GoRandom;
import org.ptdispatcher.engine.transport.obfs4.drbg.HashDrbg;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Identity;
import org.ptdispatcher.engine.transport.obfs4.probdist.WeightedDistribution;
import org.ptdispatcher.engine.transport.replay.ReplayFilter;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server half of obfs4 for one listener: the state loaded at start-up and what every
 * connection shares (replay filter, distribution tables, close delay).
 */
final class Obfs4Server implements TransportServer {
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
    /** obfs4proxy's replay filter: the last 100 × 1024 MACs of the last 3 hours at least (ours may remember up to twice either). */
    static final Duration REPLAY_TTL = Duration.ofHours(3);
    private static final int REPLAY_CAPACITY = 100 * 1024;
    private static final int MAX_CLOSE_DELAY_SECONDS = 60;

    private final Obfs4ServerState state;
    private final SecureRandom random;
    private final SessionKeyPool sessionKeys;
    private final ReplayFilter replayFilter = new ReplayFilter(REPLAY_CAPACITY, REPLAY_TTL.toNanos());
    private final WeightedDistribution lengths;
    private final WeightedDistribution delays;
    private final int closeDelaySeconds;

    Obfs4Server(Obfs4ServerState state, SecureRandom random, SessionKeyPool sessionKeys) {
        this.state = state;
        this.random = random;
        this.sessionKeys = sessionKeys;
        // Tables a server never re-seeds: built once, read-only afterwards, shared by all connections.
        this.lengths = new WeightedDistribution(state.drbgSeed(), 0, Obfs4Framing.MAX_SEGMENT_LENGTH);
        this.delays = state.iatMode() == IatMode.NONE ? null
                : new WeightedDistribution(Obfs4StreamHandler.delaySeed(state.drbgSeed()), 0, Obfs4StreamHandler.MAX_DELAY_UNITS);
        // The same draw as the reference's, so a given state file closes failed connections after the same delay.
        this.closeDelaySeconds = new GoRandom(new HashDrbg(state.drbgSeed())).intn(MAX_CLOSE_DELAY_SECONDS);
    }

    @Override
    public Map<String, String> announcement() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("cert", state.cert().encode());
        args.put("iat-mode", Integer.toString(state.iatMode().number()));
        return args;
    }

    @Override
    public void install(Channel channel, Promise<Optional<HostPort>> handshakeDone) {
        channel.pipeline().addLast("obfs4-handshake", new Obfs4ServerHandshakeHandler(this, handshakeDone));
    }

    Obfs4Identity identity() {
        return state.identity();
    }

    byte[] drbgSeed() {
        return state.drbgSeed();
    }

    IatMode iatMode() {
        return state.iatMode();
    }

    SecureRandom random() {
        return random;
    }

    SessionKeyPool sessionKeys() {
        return sessionKeys;
    }

    ReplayFilter replayFilter() {
        return replayFilter;
    }

    WeightedDistribution lengthDistribution() {
        return lengths;
    }

    WeightedDistribution delayDistribution() {
        return delays;
    }

    int closeDelaySeconds() {
        return closeDelaySeconds;
    }
}
