package org.ptdispatcher.engine.net;

import io.netty.resolver.dns.DnsServerAddressStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The name servers asked are the configured ones, or the local machine's; never a public resolver. */
class SystemDnsServersTest {
    @TempDir
    Path dir;

    private static Set<InetSocketAddress> servers(SystemDnsServers provider) {
        DnsServerAddressStream stream = provider.nameServerAddressStream("example.org");
        Set<InetSocketAddress> seen = new HashSet<>();
        for (int i = 0; i < stream.size(); i++) {
            seen.add(stream.next());
        }
        return seen;
    }

    @Test
    void theConfiguredServersAreAsked() throws Exception {
        Path conf = Files.writeString(dir.resolve("resolv.conf"), "nameserver 192.0.2.53\nnameserver 198.51.100.53\n");
        assertEquals(Set.of(new InetSocketAddress("192.0.2.53", 53), new InetSocketAddress("198.51.100.53", 53)), servers(new SystemDnsServers(conf)));
    }

    @Test
    void anUnreadableConfigurationAsksTheLocalMachineAndIsReadAgainLater() throws Exception {
        Path conf = dir.resolve("resolv.conf");
        SystemDnsServers provider = new SystemDnsServers(conf);
        assertEquals(Set.of(new InetSocketAddress("127.0.0.1", 53), new InetSocketAddress("::1", 53)), servers(provider));
        Files.writeString(conf, "nameserver 192.0.2.53\n");
        assertEquals(Set.of(new InetSocketAddress("192.0.2.53", 53)), servers(provider));
    }

    @Test
    void aConfigurationWithoutNameServersAsksTheLocalMachine() throws Exception {
        Path conf = Files.writeString(dir.resolve("resolv.conf"), "search example.org\n");
        assertEquals(Set.of(new InetSocketAddress("127.0.0.1", 53), new InetSocketAddress("::1", 53)), servers(new SystemDnsServers(conf)));
    }
}
