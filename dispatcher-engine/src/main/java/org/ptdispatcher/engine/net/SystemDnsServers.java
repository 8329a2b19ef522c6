package org.ptdispatcher.engine.net;

import io.netty.resolver.dns.DnsServerAddressStream;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.DnsServerAddresses;
import io.netty.resolver.dns.UnixResolverDnsServerAddressStreamProvider;
import org.ptdispatcher.engine.log.EngineLog;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The name servers the system is configured with, and never others. Netty's default reads
 * {@code /etc/resolv.conf} once and, if that fails (as it does when the process is out of
 * descriptors at that moment), uses public resolvers for the rest of the process's life. Here a
 * read that fails keeps the servers of the last read that worked, or, before any has, asks the
 * local machine's (resolv.conf(5)'s own default) and reads again at the next query. Systems
 * without {@code /etc/resolv.conf} (Windows) keep Netty's platform default.
 */
final class SystemDnsServers implements DnsServerAddressStreamProvider {
    private static final System.Logger LOG = EngineLog.logger(SystemDnsServers.class);
    static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");
    /** What resolv.conf(5) says a resolver uses when no name server is configured. */
    private static final DnsServerAddresses LOCAL = DnsServerAddresses.sequential(
            new InetSocketAddress("127.0.0.1", 53), new InetSocketAddress("::1", 53));

    private final Path resolvConf;
    private volatile DnsServerAddressStreamProvider configured;
    private boolean failureReported;

    SystemDnsServers(Path resolvConf) {
        this.resolvConf = resolvConf;
    }

    /** This system's: from resolv.conf where there is one, else Netty's platform default. */
    static DnsServerAddressStreamProvider forThisSystem() {
        return Files.exists(RESOLV_CONF) ? new SystemDnsServers(RESOLV_CONF) : DnsServerAddressStreamProviders.platformDefault();
    }

    @Override
    public DnsServerAddressStream nameServerAddressStream(String hostname) {
        DnsServerAddressStreamProvider p = configured;
        if (p == null) {
            p = read();
        }
        return p != null ? p.nameServerAddressStream(hostname) : LOCAL.stream();
    }

    private synchronized DnsServerAddressStreamProvider read() {
        if (configured != null) {
            return configured;
        }
        try {
            configured = new UnixResolverDnsServerAddressStreamProvider(resolvConf.toFile());
            return configured;
        } catch (Exception e) {
            // An unreadable file now (no descriptor free), or one without name servers: the local machine's, and read again next time.
            if (!failureReported) {
                failureReported = true;
                LOG.log(System.Logger.Level.DEBUG, "cannot read the name servers in " + resolvConf + ", asking the local machine's: " + e);
            }
            return null;
        }
    }
}
