package io.lowrank.report.svg;

/** FNV-1a 64-bit hashing, used to derive deterministic, content-based element ids. */
final class Fnv {

    static final long SEED = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fnv() {
    }

    static long mix(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h ^= (v >>> (8 * i)) & 0xff;
            h *= PRIME;
        }
        return h;
    }

    static long mix(long h, String s) {
        if (s == null) {
            return mix(h, 0x5eedL);
        }
        for (int i = 0; i < s.length(); i++) {
            h = mix(h, s.charAt(i));
        }
        return mix(h, s.length());
    }

    static long mix(long h, double[] a) {
        if (a == null) {
            return mix(h, -1L);
        }
        for (double v : a) {
            h = mix(h, Double.doubleToLongBits(v));
        }
        return mix(h, a.length);
    }

    static long mix(long h, double v) {
        return mix(h, Double.doubleToLongBits(v));
    }
}
