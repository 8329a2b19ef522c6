package org.ptdispatcher.gui.instance;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A launch of another process caught between taking the instance lock and listening, for as long
 * as the test wants: it takes the lock, says {@code locked}, waits for a line on its input, then
 * becomes the instance as the app does and prints each request it is handed.
 */
public final class LockHoldingLaunch {
    private LockHoldingLaunch() {
    }

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (FileChannel lock = FileChannel.open(socket.resolveSibling(InstanceEndpoint.LOCK_FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lock.lock();
            System.out.println("locked");
            input.readLine();
        }
        // the moment between letting this lock go and serve's taking it again is this process's own
        try (InstanceEndpoint endpoint = InstanceEndpoint.serve(socket, arguments -> System.out.println("handed " + arguments)).orElseThrow()) {
            System.out.println("serving");
            input.readLine();
        }
    }
}
