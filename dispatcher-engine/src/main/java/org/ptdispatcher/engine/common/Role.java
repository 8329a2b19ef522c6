package org.ptdispatcher.engine.common;

/** Which side of the transport this process runs. */
public enum Role {
    CLIENT, SERVER;

    public String lowerName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
