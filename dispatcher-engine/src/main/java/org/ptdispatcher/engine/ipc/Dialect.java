package org.ptdispatcher.engine.ipc;

import org.ptdispatcher.engine.common.OptionsSyntax;
import org.ptdispatcher.engine.common.ProxyMode;

/**
 * How one version of the PT specification talks: which stream each message goes to, how a line
 * is spelled, which option syntax it accepts and which proxy modes it can announce. The dispatcher
 * picks one during version negotiation and asks it, rather than testing the version anywhere else.
 */
public sealed interface Dialect permits Pt2Dialect, TorPt1Dialect {

    /** The version string announced in the VERSION line. */
    String version();

    /** True when {@code message} goes to stderr rather than stdout. */
    boolean writesToStderr(IpcMessage message);

    /** The whole line for {@code message}, without its newline. */
    String render(IpcMessage message);

    OptionsSyntax optionsSyntax();

    /** Whether the parent wants a STATUS line for each outgoing connection (pt-spec 3.3.5). */
    boolean reportsConnections();

    /** Whether a client may announce {@code mode} in a CMETHOD line under this version. */
    boolean canAnnounce(ProxyMode mode);

    /** The dialect spoken before negotiation and when the parent offers no version: the newest. */
    static Dialect newest() {
        return new Pt2Dialect("2.2");
    }
}
