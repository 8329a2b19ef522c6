package org.ptdispatcher.gui.share;

import org.ptdispatcher.engine.common.HostPort;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A Shadowsocks share link, {@code ss://}, in both forms clients use:
 * <ul>
 * <li>SIP002: {@code ss://userinfo@host:port[/][?plugin=...][#tag]}, where userinfo is
 *     base64url({@code method:password}), or {@code method:password} percent-encoded (required for
 *     the 2022 ciphers);</li>
 * <li>legacy: {@code ss://base64(method:password@host:port)[#tag]}.</li>
 * </ul>
 *
 * @param tag    the name the link gives the server, possibly empty
 * @param plugin a SIP003 plugin the server needs, if any
 */
public record ShadowsocksLink(String method, String password, HostPort server, String tag, Optional<String> plugin) {
    private static final String SCHEME = "ss://";

    public static ShadowsocksLink parse(String text) throws ShareFormatException {
        String link = text.trim();
        if (!link.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new ShareFormatException("import.problem.notSs");
        }
        String rest = link.substring(SCHEME.length());
        String tag = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            tag = decodeTag(rest.substring(hash + 1));
            rest = rest.substring(0, hash);
        }
        int at = rest.lastIndexOf('@');
        return at < 0 ? parseLegacy(rest, tag) : parseSip002(rest, at, tag);
    }

    private static ShadowsocksLink parseSip002(String rest, int at, String tag) throws ShareFormatException {
        String userinfo = rest.substring(0, at);
        String hostPart = rest.substring(at + 1);
        Optional<String> plugin = Optional.empty();
        int query = hostPart.indexOf('?');
        if (query >= 0) {
            for (String pair : hostPart.substring(query + 1).split("&")) {
                if (pair.startsWith("plugin=") && pair.length() > "plugin=".length()) {
                    plugin = Optional.of(decodePercent(pair.substring("plugin=".length())));
                }
            }
            hostPart = hostPart.substring(0, query);
        }
        if (hostPart.endsWith("/")) {
            hostPart = hostPart.substring(0, hostPart.length() - 1);
        }
        String methodAndPassword = userinfo.contains(":") ? decodePercent(userinfo) : decodeBase64(userinfo);
        return build(methodAndPassword, hostPart, tag, plugin);
    }

    private static ShadowsocksLink parseLegacy(String rest, String tag) throws ShareFormatException {
        String decoded = decodeBase64(rest);
        int at = decoded.lastIndexOf('@');
        if (at < 0) {
            throw new ShareFormatException("import.problem.ssMalformed");
        }
        return build(decoded.substring(0, at), decoded.substring(at + 1), tag, Optional.empty());
    }

    private static ShadowsocksLink build(String methodAndPassword, String hostPort, String tag, Optional<String> plugin)
            throws ShareFormatException {
        int colon = methodAndPassword.indexOf(':');
        if (colon <= 0) {
            throw new ShareFormatException("import.problem.ssMalformed");
        }
        HostPort server;
        try {
            server = HostPort.parseDestination(hostPort);
        } catch (IllegalArgumentException e) {
            throw new ShareFormatException("import.problem.ssAddress", hostPort);
        }
        return new ShadowsocksLink(methodAndPassword.substring(0, colon), methodAndPassword.substring(colon + 1), server, tag, plugin);
    }

    /**
     * The SIP002 form: base64url userinfo without padding, except for the 2022 ciphers, whose
     * userinfo SIP002 requires percent-encoded.
     */
    public String render() {
        String userinfo;
        if (method.toLowerCase(Locale.ROOT).startsWith("2022-")) {
            userinfo = encodePercent(method) + ":" + encodePercent(password);
        } else {
            userinfo = Base64.getUrlEncoder().withoutPadding().encodeToString((method + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder out = new StringBuilder(SCHEME).append(userinfo).append('@').append(server);
        plugin.ifPresent(p -> out.append("/?plugin=").append(encodePercent(p)));
        if (!tag.isEmpty()) {
            out.append('#').append(encodePercent(tag));
        }
        return out.toString();
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ShadowsocksLink[" + method + " @ " + server + "]";
    }

    private static String decodeBase64(String text) throws ShareFormatException {
        String clean = text.trim().replace('-', '+').replace('_', '/');
        while (clean.length() % 4 != 0) {
            clean += "=";
        }
        try {
            return new String(Base64.getDecoder().decode(clean), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ShareFormatException("import.problem.ssMalformed");
        }
    }

    private static String decodePercent(String text) throws ShareFormatException {
        try {
            // '+' stays '+': it is base64 and password text here, not a form's space.
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ShareFormatException("import.problem.ssMalformed");
        }
    }

    /** Tags are form-encoded in SIP002's own example ({@code #Dummy+profile+name}): '+' is a space there. */
    private static String decodeTag(String text) throws ShareFormatException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ShareFormatException("import.problem.ssMalformed");
        }
    }

    private static String encodePercent(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
