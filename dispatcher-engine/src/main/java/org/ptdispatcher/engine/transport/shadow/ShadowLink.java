package org.ptdispatcher.engine.transport.shadow;

import org.ptdispatcher.engine.common.HostPort;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A Shadowsocks share link ({@code ss://}): the server, the method (cipher) and the password,
 * with an optional plugin and name. {@link #render()} writes SIP002 with the user info in
 * unpadded Base64URL ({@code ss://BASE64URL(method:password)@host:port#tag}), or percent-encoded
 * for the 2022 ciphers, as SIP002 requires; {@link #parse} reads SIP002 (Base64URL or
 * percent-encoded user info) and the legacy form ({@code ss://BASE64(method:password@host:port)#tag}).
 * The engine's shadow transport and the desktop app (import and share) both use this one parser.
 *
 * @param method   the cipher name as written in the link ({@code aes-256-gcm}); see {@link #cipher()}
 * @param password the password, in clear (links carry it; treat them as secrets)
 * @param server   the server's address
 * @param plugin   the SIP003 plugin argument, if any (this project runs none)
 * @param tag      the profile name shown to people, if any
 */
public record ShadowLink(String method, String password, HostPort server, Optional<String> plugin, Optional<String> tag) {

    public ShadowLink {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("the link has no method");
        }
        if (password == null) {
            throw new IllegalArgumentException("the link has no password");
        }
        if (server == null) {
            throw new IllegalArgumentException("the link has no server");
        }
        plugin = plugin == null ? Optional.empty() : plugin;
        tag = tag == null ? Optional.empty() : tag;
    }

    /** A link for a running {@code shadow} server: its address, cipher and password, and a name. */
    public static ShadowLink of(HostPort server, ShadowCipher cipher, String password, Optional<String> tag) {
        return new ShadowLink(cipher.ssName(), password, server, Optional.empty(), tag);
    }

    /**
     * A link from an SMETHOD line's parts: the address, the {@code cipherName} of its ARGS (the
     * default cipher when absent) and the password the server was given.
     *
     * @throws IllegalArgumentException if the cipher name is not one this transport speaks
     */
    public static ShadowLink forServer(HostPort server, Optional<String> cipherName, String password, Optional<String> tag) {
        Optional<Sip022Method> sip022 = cipherName.flatMap(Sip022Method::parse);
        if (sip022.isPresent()) {
            // The 2022 form: the method and the base64 key, percent-encoded by render().
            return new ShadowLink(sip022.get().ssName(), password, server, Optional.empty(), tag);
        }
        ShadowCipher cipher = cipherName.map(name -> ShadowCipher.parse(name)
                        .orElseThrow(() -> new IllegalArgumentException("unknown cipher \"" + name + "\"")))
                .orElse(ShadowSettings.DEFAULT_CIPHER);
        return of(server, cipher, password, tag);
    }

    /** The cipher, if the method is one of the AEAD edition's this transport speaks. */
    public Optional<ShadowCipher> cipher() {
        return ShadowCipher.parse(method);
    }

    /** The 2022 method, if the method is one (SIP022); then the password is the base64 key. */
    public Optional<Sip022Method> sip022() {
        return Sip022Method.parse(method);
    }

    /**
     * The SIP002 form: {@code ss://BASE64URL(method:password)@host:port[/?plugin=...][#tag]}; for the
     * 2022 ciphers the user info is {@code method:password} percent-encoded, as SIP002 requires.
     */
    public String render() {
        String userInfo = method.toLowerCase(Locale.ROOT).startsWith("2022-")
                ? percentEncode(method) + ":" + percentEncode(password)
                : Base64.getUrlEncoder().withoutPadding().encodeToString((method + ":" + password).getBytes(StandardCharsets.UTF_8));
        StringBuilder link = new StringBuilder("ss://").append(userInfo).append('@').append(server);
        plugin.ifPresent(p -> link.append("/?plugin=").append(percentEncode(p)));
        tag.ifPresent(t -> link.append('#').append(percentEncode(t)));
        return link.toString();
    }

    @Override
    public String toString() {
        return "ShadowLink[" + method + " @ " + server + "]";
    }

    /** Why a text is not a link, for callers that say it in their own words (the app's import). */
    public enum Problem {
        /** It does not begin with {@code ss://}. */
        NOT_A_LINK,
        /** Its Base64, percent escapes or {@code method:password} cannot be read (often: not copied whole). */
        DAMAGED,
        /** Its server is not host:port; {@link MalformedLinkException#server()} is what it says instead. */
        SERVER
    }

    /** A text that is not an {@code ss://} link: the sentence, and the {@link Problem} for a caller to explain. */
    public static final class MalformedLinkException extends IllegalArgumentException {
        private final Problem problem;
        private final String server;

        MalformedLinkException(Problem problem, String server, String message) {
            super(message);
            this.problem = problem;
            this.server = server;
        }

        MalformedLinkException(Problem problem, String message) {
            this(problem, "", message);
        }

        public Problem problem() {
            return problem;
        }

        /** For {@link Problem#SERVER}: the text in the server's place; empty otherwise. */
        public String server() {
            return server;
        }
    }

    /**
     * Reads an {@code ss://} link, SIP002 or legacy.
     *
     * @throws MalformedLinkException with a sentence saying what is wrong (never repeating the password)
     */
    public static ShadowLink parse(String text) {
        if (text == null) {
            throw new MalformedLinkException(Problem.NOT_A_LINK, "no link");
        }
        String link = text.strip();
        if (!link.regionMatches(true, 0, "ss://", 0, 5)) {
            throw new MalformedLinkException(Problem.NOT_A_LINK, "not an ss:// link");
        }
        String rest = link.substring(5);
        Optional<String> tag = Optional.empty();
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            String t = formDecode(rest.substring(hash + 1));
            tag = t.isEmpty() ? Optional.empty() : Optional.of(t);
            rest = rest.substring(0, hash);
        }
        int at = rest.lastIndexOf('@');
        if (at < 0) {
            return parseLegacy(rest, tag);
        }
        String userInfo = rest.substring(0, at);
        String hostPart = rest.substring(at + 1);
        Optional<String> plugin = Optional.empty();
        int query = hostPart.indexOf('?');
        if (query >= 0) {
            plugin = queryValue(hostPart.substring(query + 1), "plugin");
            hostPart = hostPart.substring(0, query);
        }
        if (hostPart.endsWith("/")) {
            hostPart = hostPart.substring(0, hostPart.length() - 1);
        }
        String methodAndPassword;
        if (userInfo.indexOf(':') >= 0) {
            // Plain user info: method and password percent-encoded.
            int colon = userInfo.indexOf(':');
            return build(percentDecode(userInfo.substring(0, colon)), percentDecode(userInfo.substring(colon + 1)), hostPart, plugin, tag);
        }
        methodAndPassword = decodeBase64(percentDecode(userInfo), "user info");
        int colon = methodAndPassword.indexOf(':');
        if (colon <= 0) {
            throw new MalformedLinkException(Problem.DAMAGED, "the link's user info is not method:password");
        }
        return build(methodAndPassword.substring(0, colon), methodAndPassword.substring(colon + 1), hostPart, plugin, tag);
    }

    private static ShadowLink parseLegacy(String encoded, Optional<String> tag) {
        String decoded = decodeBase64(encoded.endsWith("/") ? encoded.substring(0, encoded.length() - 1) : encoded, "link");
        int at = decoded.lastIndexOf('@');
        int colon = decoded.indexOf(':');
        if (at < 0 || colon <= 0 || colon > at) {
            throw new MalformedLinkException(Problem.DAMAGED, "the legacy link is not method:password@host:port");
        }
        return build(decoded.substring(0, colon), decoded.substring(colon + 1, at), decoded.substring(at + 1), Optional.empty(), tag);
    }

    private static ShadowLink build(String method, String password, String hostPort, Optional<String> plugin, Optional<String> tag) {
        if (method.isEmpty()) {
            throw new MalformedLinkException(Problem.DAMAGED, "the link has an empty method");
        }
        HostPort server;
        try {
            server = HostPort.parseDestination(hostPort);
        } catch (IllegalArgumentException e) {
            throw new MalformedLinkException(Problem.SERVER, hostPort, "the link's server: " + e.getMessage());
        }
        return new ShadowLink(method.toLowerCase(Locale.ROOT), password, server, plugin, tag);
    }

    private static String decodeBase64(String text, String what) {
        String normalized = text.replace('-', '+').replace('_', '/').replace("=", "");
        try {
            return new String(Base64.getDecoder().decode(pad(normalized)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedLinkException(Problem.DAMAGED, "the link's " + what + " is not Base64");
        }
    }

    private static String pad(String base64) {
        int missing = (4 - base64.length() % 4) % 4;
        return missing == 3 ? base64 : base64 + "=".repeat(missing);
    }

    private static Optional<String> queryValue(String query, String key) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(key)) {
                String v = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
                return v.isEmpty() ? Optional.empty() : Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static String percentEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Query values and tags: '+' is a space there, as in SIP002's own example ({@code #Dummy+profile+name}). */
    private static String formDecode(String text) {
        return percentDecode(text.replace("+", "%20"));
    }

    private static String percentDecode(String text) {
        try {
            // URLDecoder turns '+' into a space; in a URI's path and fragment '+' is itself.
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedLinkException(Problem.DAMAGED, "the link has a malformed percent escape");
        }
    }
}
