package org.ptdispatcher.gui.profile;

/** The names of a profile's fields, shared by the validator, the error explainer and the form. */
public final class ProfileField {
    public static final String NAME = "name";
    public static final String TRANSPORT = "transport";
    public static final String MODE = "mode";
    public static final String LISTEN = "listen";
    public static final String TARGET = "target";
    public static final String PROXY = "proxy";
    public static final String LOG_LEVEL = "logLevel";
    public static final String STATE = "state";
    public static final String EXTRA_OPTIONS = "extraOptions";
    public static final String TEST_DESTINATION = "testDestination";
    public static final String TOR_MODE = "torMode";
    public static final String OR_PORT = "orPort";
    public static final String MORE_BRIDGES = "moreBridges";
    /** The engine program (a setting of the app, not of the profile). */
    public static final String ENGINE = "engine";

    private static final String OPTION_PREFIX = "option.";

    private ProfileField() {
    }

    /** The field of transport option {@code name}. */
    public static String option(String name) {
        return OPTION_PREFIX + name;
    }

    public static boolean isOption(String field) {
        return field.startsWith(OPTION_PREFIX);
    }
}
