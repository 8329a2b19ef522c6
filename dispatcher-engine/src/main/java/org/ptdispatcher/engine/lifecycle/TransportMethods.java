package org.ptdispatcher.engine.lifecycle;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.engine.mode.ProxyListener;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.Transport;

import java.util.Map;
import java.util.function.Function;

/**
 * What starting the requested transports differs in between the two roles (a client's CMETHOD
 * lines, a server's SMETHOD lines); the {@link Dispatcher} runs the one loop over them.
 */
interface TransportMethods {

    /** The requested transports and where each listens, in the parent's order. */
    Map<String, HostPort> requested();

    /**
     * The listener for one transport this build has, not bound yet.
     *
     * @throws InvalidTransportOptionsException if the transport cannot work with its options
     */
    Method open(String name, Transport transport) throws InvalidTransportOptionsException;

    /** The line that says {@code name} could not be started. */
    IpcMessage error(String name, String why);

    /** The line that ends the list. */
    IpcMessage done();

    /**
     * One transport's listener, with what to announce and log once it is bound.
     *
     * @param announcement the CMETHOD or SMETHOD line for the bound address
     * @param ready        the INFO log line for the bound address
     */
    record Method(ProxyListener listener, Function<HostPort, IpcMessage> announcement, Function<HostPort, String> ready) {
    }
}
