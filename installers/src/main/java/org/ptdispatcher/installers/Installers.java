package org.ptdispatcher.installers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The installers jpackage makes from the application image, with each OS's desktop integration. */
final class Installers {
    /** A fixed upgrade code, so that a newer .msi replaces an installed older one. */
    private static final String WINDOWS_UPGRADE_UUID = "6f3c1f0e-3a52-4b2e-9a53-8f4d2b1c7e19";

    private Installers() {
    }

    static void make(Platform platform, String type, Path image, String version, Path packaging, Path out) {
        List<String> args = new ArrayList<>(List.of(
                "--type", type,
                "--app-image", image.toString(),
                "--name", AppImage.APP_NAME,
                "--app-version", version,
                "--vendor", AppImage.VENDOR,
                "--description", AppImage.DESCRIPTION,
                "--dest", out.toString()));
        switch (platform) {
            case LINUX -> args.addAll(List.of(
                    "--linux-package-name", "pt-dispatcher",
                    "--linux-app-category", "net",
                    "--linux-menu-group", "Network;",
                    "--linux-deb-maintainer", "pt-dispatcher@localhost",
                    // the menu entry, also the handler of ss:// links (packaging/linux/PT Dispatcher.desktop)
                    "--linux-shortcut",
                    "--icon", AppImage.icon(platform, packaging).toString(),
                    "--resource-dir", packaging.resolve("linux").toString()));
            case WINDOWS -> args.addAll(List.of(
                    "--win-menu", "--win-menu-group", AppImage.APP_NAME,
                    "--win-shortcut", "--win-dir-chooser",
                    "--win-upgrade-uuid", WINDOWS_UPGRADE_UUID));
            case MACOS -> args.addAll(List.of(
                    "--mac-package-identifier", "org.ptdispatcher.app",
                    "--mac-package-name", AppImage.APP_NAME));
        }
        Tools.run("jpackage", args);
    }
}
