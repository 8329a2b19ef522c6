package org.ptdispatcher.gui;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;

/**
 * The libraries' logging in the app's own process, set before any of them starts. slf4j-api came
 * onto the class path with dbus-java (the tray): Netty would then log through SLF4J, which without a
 * provider says so in three lines on stderr (the headless command's output included) and drops
 * every message. So Netty keeps the JDK's logging it had before, and SLF4J, which only dbus-java
 * uses, gets slf4j-api's own no-operation provider, chosen without a word.
 */
public final class LibraryLogging {
    private LibraryLogging() {
    }

    public static void configure() {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        System.getProperties().putIfAbsent("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.getProperties().putIfAbsent("slf4j.internal.verbosity", "WARN");
    }
}
