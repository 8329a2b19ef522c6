package org.ptdispatcher.gui.login;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A LaunchAgent, {@code ~/Library/LaunchAgents/org.ptdispatcher.app.plist}, that launchd loads
 * and, with {@code RunAtLoad}, runs at each login. Nothing is loaded now: the app already runs.
 */
public final class MacLaunchAgent implements LoginStart {
    static final String LABEL = "org.ptdispatcher.app";

    private final Path file;

    /** @param directory the LaunchAgents directory (a temporary one in tests) */
    public MacLaunchAgent(Path directory) {
        this.file = directory.resolve(LABEL + ".plist");
    }

    Path file() {
        return file;
    }

    @Override
    public boolean isOn() {
        return Files.isRegularFile(file);
    }

    @Override
    public void turnOn(List<String> command) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, plist(command), StandardCharsets.UTF_8);
    }

    @Override
    public void turnOff() throws IOException {
        Files.deleteIfExists(file);
    }

    static String plist(List<String> command) {
        StringBuilder arguments = new StringBuilder();
        for (String part : command) {
            arguments.append("        <string>").append(escaped(part)).append("</string>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<plist version=\"1.0\">\n"
                + "<dict>\n"
                + "    <key>Label</key>\n"
                + "    <string>" + LABEL + "</string>\n"
                + "    <key>ProgramArguments</key>\n"
                + "    <array>\n"
                + arguments
                + "    </array>\n"
                + "    <key>RunAtLoad</key>\n"
                + "    <true/>\n"
                + "</dict>\n"
                + "</plist>\n";
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
