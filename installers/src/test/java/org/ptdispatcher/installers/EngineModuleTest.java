package org.ptdispatcher.installers;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The engine module's descriptor: jdeps' output with the services and exports javac and ServiceLoader need. */
class EngineModuleTest {
    private static final String GENERATED = """
            module ptdispatcher {
                requires java.naming;
                requires jdk.incubator.vector;
                requires jdk.jfr;

                requires transitive jdk.unsupported;

                exports io.netty.buffer;
                exports com.fasterxml.jackson.core.internal.shaded.fdp.v2_23_0.bte;

                provides org.ptdispatcher.engine.transport.Transport with
                    org.ptdispatcher.engine.transport.plain.PlainTransport;
                provides reactor.blockhound.integration.BlockHoundIntegration with
                    io.netty.util.internal.Hidden.NettyBlockHoundIntegration;

            }
            """;

    private static final Set<String> JAR = Set.of(
            "io/netty/buffer/ByteBuf.class",
            "com/fasterxml/jackson/core/internal/shaded/fdp/v2_23_0/bte/package-info.class",
            "META-INF/versions/11/com/fasterxml/jackson/core/internal/shaded/fdp/v2_23_0/bte/ByteDigitSet.class",
            "org/ptdispatcher/engine/transport/Transport.class",
            "org/ptdispatcher/engine/transport/plain/PlainTransport.class",
            "io/netty/util/internal/Hidden$NettyBlockHoundIntegration.class");

    @Test
    void keepsWhatResolvesAndUsesTheServicesItProvides() {
        assertEquals("""
                module ptdispatcher {
                    requires java.naming;
                    requires static jdk.incubator.vector;
                    requires static jdk.jfr;
                    requires transitive jdk.unsupported;
                    exports io.netty.buffer;
                    provides org.ptdispatcher.engine.transport.Transport with org.ptdispatcher.engine.transport.plain.PlainTransport;
                    uses org.ptdispatcher.engine.transport.Transport;
                }
                """, EngineModule.descriptor(GENERATED, JAR));
    }
}
