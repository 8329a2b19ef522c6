package org.ptdispatcher.engine.config;

/**
 * A configuration the parent gave that the spec forbids or that cannot be used. The message is
 * written for the person who wrote the configuration: it names the parameter and says what is
 * wrong; it becomes one ENV-ERROR line.
 */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
