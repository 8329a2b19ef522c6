package org.ptdispatcher.gui.share;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QrCodeTest {

    /** The code as painted (4 pixels a module) must decode back to the text, as a phone camera would read it. */
    @Test
    void aFullObfs4BridgeLineSurvivesEncodingAndDecoding() throws Exception {
        String line = "obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 "
                + "cert=ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw iat-mode=0";
        QrCode code = QrCode.encode(line);
        assertTrue(code.size() > 40, "a code of that length has many modules");
        int scale = 4;
        int side = code.size() * scale;
        int[] pixels = new int[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                pixels[y * side + x] = code.isDark(x / scale, y / scale) ? 0xff000000 : 0xffffffff;
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)));
        assertEquals(line, new QRCodeReader().decode(bitmap).getText());
    }

    @Test
    void theQuietZoneIsLight() {
        QrCode code = QrCode.encode("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1:8888#Example1");
        for (int i = 0; i < code.size(); i++) {
            assertTrue(!code.isDark(i, 0) && !code.isDark(0, i) && !code.isDark(i, code.size() - 1));
        }
    }
}
