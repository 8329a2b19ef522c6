package org.ptdispatcher.engine.transport;

import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;

import java.nio.file.Path;

/**
 * What a transport may know of the process it runs in.
 *
 * @param stateDirectory where it may keep state between runs (and nowhere else)
 */
public record TransportContext(Role role, ProxyMode mode, Path stateDirectory) {
}
