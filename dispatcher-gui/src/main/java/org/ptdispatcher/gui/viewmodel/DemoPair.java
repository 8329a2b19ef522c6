package org.ptdispatcher.gui.viewmodel;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.engine.DemoEcho;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.Profile;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The "try it on this computer" pair: a plain server on loopback forwarding to the app's echo
 * service, and a client whose connection test goes through that server.
 */
final class DemoPair {
    private final DemoEcho echo;
    private final Messages messages;
    private final StatusLine status;

    DemoPair(DemoEcho echo, Messages messages, StatusLine status) {
        this.echo = echo;
        this.messages = messages;
        this.status = status;
    }

    /** A new pair, server first, on loopback ports free now. */
    List<Profile> make() {
        String serverAddress = "127.0.0.1:" + echo.freePort();
        String echoAddress = "127.0.0.1:" + echo.freePort();
        Profile server = Profile.builder(Role.SERVER).name(messages.get("demo.serverName")).transport("plain").listenAddress(serverAddress)
                .target(echoAddress).demo(true).build();
        Profile client = Profile.builder(Role.CLIENT).name(messages.get("demo.clientName")).transport("plain").target(serverAddress)
                .testDestination(serverAddress).demo(true).build();
        return List.of(server, client);
    }

    /**
     * Before the demo server starts: the echo service listens where the server forwards.
     *
     * @return false, with the reason on the status line, if it cannot
     */
    boolean prepare(Profile server) {
        int port = HostPort.parseDestination(server.target()).port();
        try {
            echo.listenOn(port);
            return true;
        } catch (IOException e) {
            status.say(m -> m.get("status.demoEchoFailed", String.valueOf(port), e.getMessage()));
            return false;
        }
    }

    /**
     * The name {@code profile} has in the language now shown, if it is one of the pair and still
     * has the name the app gave it (in whatever language it was made); a name the user chose is theirs.
     */
    Optional<String> renamedForLanguage(Profile profile) {
        if (!profile.demo()) {
            return Optional.empty();
        }
        String key = profile.role() == Role.SERVER ? "demo.serverName" : "demo.clientName";
        String now = messages.get(key);
        boolean givenByTheApp = Arrays.stream(Language.values()).anyMatch(language -> new Messages(language).get(key).equals(profile.name()));
        return givenByTheApp && !now.equals(profile.name()) ? Optional.of(now) : Optional.empty();
    }

    void close() {
        echo.close();
    }
}
