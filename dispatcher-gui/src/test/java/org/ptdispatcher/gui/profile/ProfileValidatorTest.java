package org.ptdispatcher.gui.profile;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.engine.transport.TransportRegistry;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProfileValidatorTest {
    private final ProfileValidator validator = new ProfileValidator(TransportRegistry.load());

    private static Profile server(String listen, String target) {
        return Profile.builder(Role.SERVER).name("s").transport("plain").listenAddress(listen).target(target).build();
    }

    private static Profile client(String transport, ProxyMode mode, String listen, String target, String proxy) {
        return Profile.builder(Role.CLIENT).name("c").transport(transport).mode(mode).listenAddress(listen).target(target).upstreamProxy(proxy).build();
    }

    private List<String> fields(Profile profile, boolean builtIn, LaunchCommand.Style style) {
        return validator.validate(profile, builtIn, style).stream().map(p -> p.field() + ":" + p.messageKey()).toList();
    }

    @Test
    void aCompleteProfileHasNoProblems() {
        assertEquals(List.of(), fields(server("127.0.0.1:0", "example.com:80"), true, LaunchCommand.Style.FLAGS));
        assertEquals(List.of(), fields(client("plain", ProxyMode.SOCKS5, "", "", ""), true, LaunchCommand.Style.FLAGS));
    }

    @Test
    void eachFieldSaysWhatIsWrong() {
        assertEquals(List.of("listen:problem.listen.serverEmpty", "target:problem.target.serverEmpty"),
                fields(server("", ""), true, LaunchCommand.Style.FLAGS));
        assertEquals(List.of("listen:problem.address.bindable", "target:problem.address.destination"),
                fields(server("localhost:80", "127.0.0.1"), true, LaunchCommand.Style.FLAGS));
        assertEquals(List.of("target:problem.target.clientEmpty", "proxy:problem.proxy.invalid"),
                fields(client("plain", ProxyMode.TRANSPARENT_TCP, "", "", "ftp://x:1"), true, LaunchCommand.Style.FLAGS));
        assertEquals(List.of("name:problem.name.empty"),
                fields(client("plain", ProxyMode.SOCKS5, "", "", "").withName(" "), true, LaunchCommand.Style.FLAGS));
    }

    @Test
    void theBuiltInEngineMustKnowTheTransportButAnotherMayNot() {
        assertEquals(List.of("transport:problem.transport.unknown"), fields(client("obfs4x", ProxyMode.SOCKS5, "", "", ""), true, LaunchCommand.Style.FLAGS));
        assertEquals(List.of(), fields(client("obfs4x", ProxyMode.SOCKS5, "", "", ""), false, LaunchCommand.Style.FLAGS));
        assertEquals(List.of("transport:problem.transport.malformed"), fields(client("obfs-4", ProxyMode.SOCKS5, "", "", ""), false, LaunchCommand.Style.FLAGS));
    }

    @Test
    void anEnvironmentOnlyEngineCannotTakeAListenAddressOrAMode() {
        assertEquals(List.of("mode:problem.mode.environmentOnly", "listen:problem.listen.environmentOnly"),
                fields(client("plain", ProxyMode.TRANSPARENT_TCP, "127.0.0.1:1080", "192.0.2.1:443", ""), false, LaunchCommand.Style.ENVIRONMENT));
    }

    @Test
    void aShadowsocks2022CipherNeedsABase64KeyOfItsLengthNotAPassword() {
        Profile.Builder shadow = Profile.builder(Role.CLIENT).name("c").transport("shadow").target("192.0.2.1:8388");
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("cipherName", "2022-blake3-aes-256-gcm");
        options.put("serverAddress", "192.0.2.1:8388");
        options.put("password", "a password people remember");
        assertEquals(List.of("option.password:problem.option.sip022Key"), fields(shadow.options(options).build(), true, LaunchCommand.Style.FLAGS));
        options.put("password", java.util.Base64.getEncoder().encodeToString(new byte[16]));
        assertEquals(List.of("option.password:problem.option.sip022Key"), fields(shadow.options(options).build(), true, LaunchCommand.Style.FLAGS),
                "16 bytes for a 32-byte cipher");
        options.put("password", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        assertEquals(List.of(), fields(shadow.options(options).build(), true, LaunchCommand.Style.FLAGS));
        options.put("cipherName", "aes-256-gcm");
        options.put("password", "a password people remember");
        assertEquals(List.of(), fields(shadow.options(options).build(), true, LaunchCommand.Style.FLAGS), "the AEAD ciphers take passwords");
    }
}
