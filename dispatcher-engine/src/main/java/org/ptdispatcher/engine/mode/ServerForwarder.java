package org.ptdispatcher.engine.mode;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import org.ptdispatcher.engine.common.HostPort;

import java.util.Optional;

/**
 * Where a server sends a client's plaintext once the transport has unwrapped it: straight to the
 * target, or to tor's Extended ORPort with the client's address and transport name.
 */
public interface ServerForwarder {

    /**
     * Opens the onward connection for {@code client}.
     *
     * @param requested the destination the client sent inside the transport, if any
     * @return the channel, ready for the client's bytes; or a failure whose message is fit for a LOG line
     */
    Future<Channel> open(Channel client, Optional<HostPort> requested);
}
