package org.ptdispatcher.engine.transport.optimizer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The hand-over of an inner transport's early plaintext to the mode: held, then passed on at the mode's first read. */
class HeldPlaintextTest {

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    /** What the mode's stage would see, in order: texts and "end" for the input's end. */
    private static final class Stage extends ChannelInboundHandlerAdapter {
        final List<String> seen = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            seen.add(((ByteBuf) msg).toString(StandardCharsets.US_ASCII));
            ((ByteBuf) msg).release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                seen.add("end");
            }
        }
    }

    @Test
    void plaintextHeldBeforeTheStageIsInPlaceReachesItInOrderAtItsFirstReadAndTheHolderLeaves() {
        EmbeddedChannel channel = new EmbeddedChannel();
        HeldPlaintext.install(channel);
        channel.writeInbound(text("early "));
        assertFalse(channel.config().isAutoRead(), "the first message stops reading");
        channel.pipeline().fireChannelRead(text("bytes"));
        Stage stage = new Stage();
        channel.pipeline().addLast(stage);
        assertEquals(List.of(), stage.seen, "nothing passes before the mode reads");
        channel.config().setAutoRead(true);
        assertEquals(List.of("early ", "bytes"), stage.seen);
        assertNull(channel.pipeline().get(HeldPlaintext.NAME));
        channel.writeInbound(text("later"));
        assertEquals(List.of("early ", "bytes", "later"), stage.seen);
        channel.finishAndReleaseAll();
    }

    @Test
    void anInputEndHeldBeforeTheStageReachesItAfterTheHeldBytes() {
        EmbeddedChannel channel = new EmbeddedChannel();
        HeldPlaintext.install(channel);
        channel.writeInbound(text("last words"));
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        Stage stage = new Stage();
        channel.pipeline().addLast(stage);
        channel.config().setAutoRead(true);
        assertEquals(List.of("last words", "end"), stage.seen);
        channel.finishAndReleaseAll();
    }

    @Test
    void whatIsHeldWhenTheChannelClosesBeforeTheModeReadsIsReleased() {
        EmbeddedChannel channel = new EmbeddedChannel();
        HeldPlaintext.install(channel);
        ByteBuf early = text("early");
        channel.writeInbound(early);
        channel.close();
        channel.finishAndReleaseAll();
        assertEquals(0, early.refCnt());
    }
}
