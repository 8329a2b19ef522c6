package org.ptdispatcher.gui.tor;

import java.nio.file.Path;

/**
 * One tor process to start: the program, the torrc the app wrote for it, and where tor writes
 * its control port's address and cookie (in its DataDirectory).
 *
 * @param workDirectory  the run's own owner-only directory (torrc, DataDirectory under it); tor's working directory
 */
public record TorLaunch(Path tor, Path torrcFile, Path workDirectory, Path controlPortFile, Path cookieFile) {
}
