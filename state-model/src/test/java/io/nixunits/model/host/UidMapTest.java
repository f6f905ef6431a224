package io.nixunits.model.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nixunits.model.ContainerId;
import org.junit.jupiter.api.Test;

class UidMapTest {
    private static final ContainerId WEB2 = new ContainerId("web2");
    private static final ContainerId DB = new ContainerId("db");

    @Test
    void firstContainerGets1024() {
        UidMap map = UidMap.empty().allocate(WEB2);

        assertEquals("web2 1024\n", map.format());
    }

    @Test
    void nextContainerTakesLastPlusOne() {
        UidMap map = UidMap.parse("a 1024\nb 1030\n").allocate(WEB2);

        assertEquals(1031, map.indexOf(WEB2).orElseThrow());
    }

    @Test
    void freedRangeIsReusedFirst() {
        UidMap map = UidMap.parse("a 1024\n__FREE__ 1025\nb 1026\n").allocate(WEB2);

        assertEquals("a 1024\nweb2 1025\nb 1026\n", map.format());
    }

    @Test
    void allocateKeepsExistingRange() {
        UidMap map = UidMap.parse("web2 1030\n");

        assertSame(map, map.allocate(WEB2));
    }

    @Test
    void freeMarksLineFree() {
        UidMap map = UidMap.parse("web2 1024\ndb 1025\n").free(WEB2);

        assertEquals("__FREE__ 1024\ndb 1025\n", map.format());
        assertTrue(map.indexOf(WEB2).isEmpty());
        assertEquals(1025 * 65536L, map.rootUid(DB).orElseThrow());
    }

    @Test
    void badIndexIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UidMap.parse("web2 x\n"));

        assertTrue(e.getMessage().contains("line 1 has index 'x'"), e.getMessage());
    }
}
