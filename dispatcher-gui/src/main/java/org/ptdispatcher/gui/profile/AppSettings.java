package org.ptdispatcher.gui.profile;

import org.ptdispatcher.engine.config.LaunchCommand;

/**
 * The app's own settings.
 *
 * @param engineProgram   the PT program to run; empty means the ptdispatcher that came with the app
 * @param launchStyle     how that program is configured: flags (PT 2.x, ptdispatcher) or
 *                        environment variables only (Tor's pt-spec 1: obfs4proxy, lyrebird)
 * @param language        a language tag ({@code en}, {@code fa}, {@code ru}, {@code zh-CN}); empty: the system's
 * @param darkTheme       dark colours instead of light
 * @param demoOffered     whether the "try it on this computer" pair was already offered once
 * @param torProgram      the tor to run for connections through Tor (such as the one inside Tor
 *                        Browser); empty means the tor on this computer's PATH
 * @param connectOnStart  the id of the profile the app starts as soon as its window is up; empty: none
 *                        (a settings file from before this setting has none)
 * @param lastProfile     the id of the profile started last, which the tray's Connect starts; empty: none yet
 * @param quitOnClose     closing the window quits even when a tray icon could keep the app running; false
 *                        (keep running in the tray, the default, and what an older file says) matters only
 *                        where the app shows a tray icon
 */
public record AppSettings(String engineProgram, LaunchCommand.Style launchStyle, String language, boolean darkTheme,
                          boolean demoOffered, String torProgram, String connectOnStart,
                          String lastProfile, boolean quitOnClose) {

    public AppSettings {
        engineProgram = engineProgram == null ? "" : engineProgram.trim();
        launchStyle = launchStyle == null ? LaunchCommand.Style.FLAGS : launchStyle;
        language = language == null ? "" : language;
        torProgram = torProgram == null ? "" : torProgram.trim();
        connectOnStart = connectOnStart == null ? "" : connectOnStart;
        lastProfile = lastProfile == null ? "" : lastProfile;
    }

    public static AppSettings defaults() {
        return new AppSettings("", LaunchCommand.Style.FLAGS, "", false, false, "", "", "", false);
    }

    public AppSettings withEngine(String program, LaunchCommand.Style style) {
        return new AppSettings(program, style, language, darkTheme, demoOffered, torProgram, connectOnStart, lastProfile, quitOnClose);
    }

    public AppSettings withLanguage(String tag) {
        return new AppSettings(engineProgram, launchStyle, tag, darkTheme, demoOffered, torProgram, connectOnStart, lastProfile, quitOnClose);
    }

    public AppSettings withDarkTheme(boolean dark) {
        return new AppSettings(engineProgram, launchStyle, language, dark, demoOffered, torProgram, connectOnStart, lastProfile, quitOnClose);
    }

    public AppSettings withDemoOffered() {
        return new AppSettings(engineProgram, launchStyle, language, darkTheme, true, torProgram, connectOnStart, lastProfile, quitOnClose);
    }

    public AppSettings withTor(String program) {
        return new AppSettings(engineProgram, launchStyle, language, darkTheme, demoOffered, program, connectOnStart, lastProfile, quitOnClose);
    }

    public AppSettings withConnectOnStart(String profileId) {
        return new AppSettings(engineProgram, launchStyle, language, darkTheme, demoOffered, torProgram, profileId, lastProfile, quitOnClose);
    }

    public AppSettings withLastProfile(String profileId) {
        return new AppSettings(engineProgram, launchStyle, language, darkTheme, demoOffered, torProgram, connectOnStart, profileId, quitOnClose);
    }

    public AppSettings withQuitOnClose(boolean quit) {
        return new AppSettings(engineProgram, launchStyle, language, darkTheme, demoOffered, torProgram, connectOnStart, lastProfile, quit);
    }
}
