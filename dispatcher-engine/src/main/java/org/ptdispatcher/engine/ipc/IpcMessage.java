package org.ptdispatcher.engine.ipc;

import org.ptdispatcher.engine.common.LogLevel;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One line of the dispatcher-to-parent protocol (spec section 1.2). Each message knows its
 * keyword and its arguments as PT 2.x writes them; a {@link Dialect} decides where the line goes
 * and may spell some messages its own way (version 1 writes LOG as {@code SEVERITY=... MESSAGE=...}).
 */
public sealed interface IpcMessage {

    /** The first word of the line. */
    String keyword();

    /** Everything after the keyword and its space, as PT 2.x spells it; may be empty. */
    String arguments();

    /** Error messages go to stderr under PT 2.x. */
    default boolean isError() {
        return false;
    }

    record Version(String version) implements IpcMessage {
        public String keyword() {
            return "VERSION";
        }

        public String arguments() {
            return version;
        }
    }

    record VersionError(String message) implements IpcMessage {
        public String keyword() {
            return "VERSION-ERROR";
        }

        public String arguments() {
            return message;
        }

        public boolean isError() {
            return true;
        }
    }

    record EnvError(String message) implements IpcMessage {
        public String keyword() {
            return "ENV-ERROR";
        }

        public String arguments() {
            return message;
        }

        public boolean isError() {
            return true;
        }
    }

    record Log(LogLevel level, String message) implements IpcMessage {
        public String keyword() {
            return "LOG";
        }

        public String arguments() {
            return level.name() + " " + message;
        }
    }

    record ProxyDone() implements IpcMessage {
        public String keyword() {
            return "PROXY";
        }

        public String arguments() {
            return "DONE";
        }
    }

    record ProxyError(String message) implements IpcMessage {
        public String keyword() {
            return "PROXY-ERROR";
        }

        public String arguments() {
            return message;
        }

        public boolean isError() {
            return true;
        }
    }

    /** @param protocol {@code socks5}, {@code transparent-TCP}, ... as the parent should speak to {@code address} */
    record Cmethod(String transport, String protocol, String address) implements IpcMessage {
        public String keyword() {
            return "CMETHOD";
        }

        public String arguments() {
            return transport + " " + protocol + " " + address;
        }
    }

    record CmethodError(String transport, String message) implements IpcMessage {
        public String keyword() {
            return "CMETHOD-ERROR";
        }

        public String arguments() {
            return transport + " " + message;
        }

        public boolean isError() {
            return true;
        }
    }

    record CmethodsDone() implements IpcMessage {
        public String keyword() {
            return "CMETHODS";
        }

        public String arguments() {
            return "DONE";
        }
    }

    /** @param args what a client needs to reach this server, rendered as {@code ARGS:k=v,k=v} with escapes */
    record Smethod(String transport, String address, Map<String, String> args) implements IpcMessage {
        public Smethod {
            args = Map.copyOf(args);
        }

        public String keyword() {
            return "SMETHOD";
        }

        public String arguments() {
            String base = transport + " " + address;
            if (args.isEmpty()) {
                return base;
            }
            return base + " ARGS:" + args.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> SmethodArgs.escape(e.getKey()) + "=" + SmethodArgs.escape(e.getValue()))
                    .collect(Collectors.joining(","));
        }
    }

    record SmethodError(String transport, String message) implements IpcMessage {
        public String keyword() {
            return "SMETHOD-ERROR";
        }

        public String arguments() {
            return transport + " " + message;
        }

        public boolean isError() {
            return true;
        }
    }

    record SmethodsDone() implements IpcMessage {
        public String keyword() {
            return "SMETHODS";
        }

        public String arguments() {
            return "DONE";
        }
    }

    /** pt-spec's STATUS line: {@code STATUS TRANSPORT=t K=V ...}. */
    record Status(String transport, Map<String, String> values) implements IpcMessage {
        public Status {
            values = Map.copyOf(values);
        }

        public String keyword() {
            return "STATUS";
        }

        public String arguments() {
            StringBuilder out = new StringBuilder("TRANSPORT=").append(KeyValueLine.quoteIfNeeded(transport));
            values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.append(' ').append(e.getKey()).append('=').append(KeyValueLine.quoteIfNeeded(e.getValue())));
            return out.toString();
        }
    }
}
