/* func_hot: the HOT intrinsic functions (heat/engine/hot/functions.py),
 * the pieces CFN functions share with them, and the digests (MD5, SHA-1,
 * SHA-224/256, SHA-384/512 after RFC 1321 and FIPS 180-4).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "func_internal.h"

#define TE "TypeError"
#define VE "ValueError"
#define KE "KeyError"

/* ---- small Python helpers --------------------------------------------- */

int hh_fn_get(const hh_fwalk *w, json_t *node, json_t **out, hh_error *err)
{
    return hh_fn_resolve(w, node, false, out, err);
}

int hh_fn_pyint(const json_t *j, json_int_t *out, hh_error *err)
{
    hh_pybuf b = {0};
    int rc = 0;

    if (json_is_integer(j)) {
        *out = json_integer_value(j);
    } else if (json_is_boolean(j)) {
        *out = json_is_true(j);
    } else if (json_is_real(j)) {
        double d = json_real_value(j);

        if (isnan(d))
            return hh_fn_error(err, VE, "cannot convert float NaN to integer");
        if (isinf(d) || fabs(d) > 9e18)
            return hh_fn_error(err, "OverflowError", "cannot convert float infinity to integer");
        *out = (json_int_t)trunc(d);
    } else if (json_is_string(j)) {
        if (!hh_py_parse_int(json_string_value(j), out)) {
            hh_py_repr_to(&b, j);
            rc = hh_fn_error(err, VE, "invalid literal for int() with base 10: %s", b.s ? b.s : "");
        }
    } else {
        rc = hh_fn_error(err, TE,
                         "int() argument must be a string, a bytes-like object or a real "
                         "number, not '%s'",
                         hh_py_type_name(j));
    }
    hh_pybuf_free(&b);
    return rc;
}

static const char *const pyclass[] = {
    [HH_FK_REMOVED] = "Removed",
    [HH_FK_INVALID] = "Invalid",
    [HH_FK_GET_PARAM] = "GetParam",
    [HH_FK_GET_RESOURCE] = "GetResource",
    [HH_FK_GET_ATTR_SEL] = "GetAttThenSelect",
    [HH_FK_GET_ATTR] = "GetAtt",
    [HH_FK_GET_ATTR_ALL] = "GetAttAllAttributes",
    [HH_FK_GET_FILE] = "GetFile",
    [HH_FK_REPLACE] = "Replace",
    [HH_FK_REPLACE_JSON] = "ReplaceJson",
    [HH_FK_REPLACE_STRICT] = "ReplaceJsonStrict",
    [HH_FK_REPLACE_VSTRICT] = "ReplaceJsonVeryStrict",
    [HH_FK_JOIN] = "Join",
    [HH_FK_JOIN_MULTI] = "JoinMultiple",
    [HH_FK_REPEAT] = "Repeat",
    [HH_FK_REPEAT_MAP] = "RepeatWithMap",
    [HH_FK_REPEAT_NESTED] = "RepeatWithNestedLoop",
    [HH_FK_DIGEST] = "Digest",
    [HH_FK_STR_SPLIT] = "StrSplit",
    [HH_FK_MAP_MERGE] = "MapMerge",
    [HH_FK_MAP_REPLACE] = "MapReplace",
    [HH_FK_YAQL] = "Yaql",
    [HH_FK_IF] = "If",
    [HH_FK_IF_NULLABLE] = "IfNullable",
    [HH_FK_EQUALS] = "Equals",
    [HH_FK_NOT] = "Not",
    [HH_FK_AND] = "And",
    [HH_FK_OR] = "Or",
    [HH_FK_FILTER] = "Filter",
    [HH_FK_MAKE_URL] = "MakeURL",
    [HH_FK_LIST_CONCAT] = "ListConcat",
    [HH_FK_LIST_CONCAT_UNIQUE] = "ListConcatUnique",
    [HH_FK_CONTAINS] = "Contains",
    [HH_FK_RESOURCE_FACADE] = "ResourceFacade",
    [HH_FK_CFN_FIND_IN_MAP] = "FindInMap",
    [HH_FK_CFN_GET_AZS] = "GetAZs",
    [HH_FK_CFN_REF] = "GetResource",
    [HH_FK_CFN_PARAM_REF] = "ParamRef",
    [HH_FK_CFN_GET_ATT] = "GetAtt",
    [HH_FK_CFN_SELECT] = "Select",
    [HH_FK_CFN_JOIN] = "Join",
    [HH_FK_CFN_SPLIT] = "Split",
    [HH_FK_CFN_REPLACE] = "Replace",
    [HH_FK_CFN_BASE64] = "Base64",
    [HH_FK_CFN_MEMBER_LIST_TO_MAP] = "MemberListToMap",
    [HH_FK_CFN_RESOURCE_FACADE] = "ResourceFacade",
    [HH_FK_CFN_IF] = "If",
    [HH_FK_CFN_EQUALS] = "Equals",
    [HH_FK_CFN_NOT] = "Not",
    [HH_FK_CFN_AND] = "And",
    [HH_FK_CFN_OR] = "Or",
};

const char *hh_fn_pyclass(const hh_fwalk *w, const json_t *node)
{
    json_t *args = NULL;
    const hh_func_def *def = hh_fn_call(w, node, &args);

    if (def && def->kind == HH_FK_CFN_REF) {
        /* cfn Ref builds a GetResource for a resource name, else ParamRef */
        json_t *ref = NULL;
        hh_error scratch;
        int rc = HH_ENOTFOUND;

        hh_error_clear(&scratch);
        if (json_is_string(args) && w->ctx && w->ctx->ops && w->ctx->ops->get_resource)
            rc = w->ctx->ops->get_resource(w->ctx->ud, json_string_value(args), &ref, &scratch);
        json_decref(ref);
        return rc == 0 ? "GetResource" : "ParamRef";
    }

    if (def && def->kind > 0 && (size_t)def->kind < sizeof(pyclass) / sizeof(pyclass[0]) &&
        pyclass[def->kind])
        return pyclass[def->kind];
    return hh_py_type_name(node);
}

int hh_fn_unpack(const hh_fwalk *w, json_t *node, size_t n, json_t **items, hh_error *err)
{
    size_t have = 0, i = 0;

    for (i = 0; i < n; i++)
        items[i] = NULL;
    if (hh_fn_call(w, node, NULL) ||
        !(json_is_array(node) || json_is_string(node) || json_is_object(node)))
        return hh_fn_error(err, TE, "cannot unpack non-iterable %s object", hh_fn_pyclass(w, node));
    if (json_is_array(node))
        have = json_array_size(node);
    else if (json_is_object(node))
        have = json_object_size(node);
    else
        have = hh_utf8_nlen(json_string_value(node), json_string_length(node));
    if (have < n)
        return hh_fn_error(err, VE, "not enough values to unpack (expected %zu, got %zu)", n, have);
    if (have > n)
        return hh_fn_error(err, VE, "too many values to unpack (expected %zu)", n);
    if (json_is_array(node)) {
        for (i = 0; i < n; i++)
            items[i] = json_incref(json_array_get(node, i));
    } else if (json_is_object(node)) {
        const char *k;
        json_t *x;

        i = 0;
        json_object_foreach(node, k, x) items[i++] = json_string(k);
    } else {
        const char *s = json_string_value(node);
        size_t len = json_string_length(node), at = 0;

        for (i = 0; i < n; i++) {
            size_t st = at++;

            while (at < len && ((unsigned char)s[at] & 0xc0) == 0x80)
                at++;
            items[i] = json_stringn(s + st, at - st);
        }
    }
    for (i = 0; i < n; i++)
        if (!items[i]) {
            for (size_t k = 0; k < n; k++) {
                json_decref(items[k]);
                items[k] = NULL;
            }
            return ENOMEM;
        }
    return 0;
}

static bool isfn(const hh_fwalk *w, const json_t *j)
{
    return hh_fn_call(w, j, NULL) != NULL;
}

static int set_out_string(hh_pybuf *b, json_t **out, hh_error *err)
{
    if (b->rc == HH_ELIMIT)
        return hh_error_set(err, HH_ELIMIT, "StackValidationFailed",
                            "Produced string is longer than %u bytes", HH_FUNC_MAX_STRING);
    if (b->rc)
        return b->rc;
    *out = json_stringn(b->s ? b->s : "", b->len);
    return *out ? 0 : ENOMEM;
}

/* ---- digests ----------------------------------------------------------- */

typedef struct md_ctx {
    uint64_t h[8];
    uint64_t bits;
    unsigned char buf[128];
    size_t fill;
    int alg; /* 0 md5, 1 sha1, 2 sha224, 3 sha256, 4 sha384, 5 sha512 */
} md_ctx;

#define ROL32(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define ROR32(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define ROR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

static void md5_block(md_ctx *c, const unsigned char *p)
{
    static const uint32_t K[64] = {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
        0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
        0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
        0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
        0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
        0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
        0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
        0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
        0xeb86d391};
    static const int S[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                              5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                              4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                              6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
    uint32_t m[16], a = (uint32_t)c->h[0], b = (uint32_t)c->h[1], cc = (uint32_t)c->h[2],
                    d = (uint32_t)c->h[3];

    for (int i = 0; i < 16; i++)
        m[i] = (uint32_t)p[i * 4] | (uint32_t)p[i * 4 + 1] << 8 | (uint32_t)p[i * 4 + 2] << 16 |
               (uint32_t)p[i * 4 + 3] << 24;
    for (int i = 0; i < 64; i++) {
        uint32_t f;
        int g;

        if (i < 16) {
            f = (b & cc) | (~b & d);
            g = i;
        } else if (i < 32) {
            f = (d & b) | (~d & cc);
            g = (5 * i + 1) % 16;
        } else if (i < 48) {
            f = b ^ cc ^ d;
            g = (3 * i + 5) % 16;
        } else {
            f = cc ^ (b | ~d);
            g = (7 * i) % 16;
        }
        f = f + a + K[i] + m[g];
        a = d;
        d = cc;
        cc = b;
        b = b + ROL32(f, S[i]);
    }
    c->h[0] = (uint32_t)(c->h[0] + a);
    c->h[1] = (uint32_t)(c->h[1] + b);
    c->h[2] = (uint32_t)(c->h[2] + cc);
    c->h[3] = (uint32_t)(c->h[3] + d);
}

static void sha1_block(md_ctx *c, const unsigned char *p)
{
    uint32_t w[80], a = (uint32_t)c->h[0], b = (uint32_t)c->h[1], cc = (uint32_t)c->h[2],
                    d = (uint32_t)c->h[3], e = (uint32_t)c->h[4];

    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[i * 4] << 24 | (uint32_t)p[i * 4 + 1] << 16 |
               (uint32_t)p[i * 4 + 2] << 8 | p[i * 4 + 3];
    for (int i = 16; i < 80; i++)
        w[i] = ROL32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    for (int i = 0; i < 80; i++) {
        uint32_t f, k, t;

        if (i < 20) {
            f = (b & cc) | (~b & d);
            k = 0x5a827999;
        } else if (i < 40) {
            f = b ^ cc ^ d;
            k = 0x6ed9eba1;
        } else if (i < 60) {
            f = (b & cc) | (b & d) | (cc & d);
            k = 0x8f1bbcdc;
        } else {
            f = b ^ cc ^ d;
            k = 0xca62c1d6;
        }
        t = ROL32(a, 5) + f + e + k + w[i];
        e = d;
        d = cc;
        cc = ROL32(b, 30);
        b = a;
        a = t;
    }
    c->h[0] = (uint32_t)(c->h[0] + a);
    c->h[1] = (uint32_t)(c->h[1] + b);
    c->h[2] = (uint32_t)(c->h[2] + cc);
    c->h[3] = (uint32_t)(c->h[3] + d);
    c->h[4] = (uint32_t)(c->h[4] + e);
}

static void sha256_block(md_ctx *c, const unsigned char *p)
{
    static const uint32_t K[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2};
    uint32_t w[64], s[8];

    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[i * 4] << 24 | (uint32_t)p[i * 4 + 1] << 16 |
               (uint32_t)p[i * 4 + 2] << 8 | p[i * 4 + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR32(w[i - 15], 7) ^ ROR32(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR32(w[i - 2], 17) ^ ROR32(w[i - 2], 19) ^ (w[i - 2] >> 10);

        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    for (int i = 0; i < 8; i++)
        s[i] = (uint32_t)c->h[i];
    for (int i = 0; i < 64; i++) {
        uint32_t S1 = ROR32(s[4], 6) ^ ROR32(s[4], 11) ^ ROR32(s[4], 25);
        uint32_t ch = (s[4] & s[5]) ^ (~s[4] & s[6]);
        uint32_t t1 = s[7] + S1 + ch + K[i] + w[i];
        uint32_t S0 = ROR32(s[0], 2) ^ ROR32(s[0], 13) ^ ROR32(s[0], 22);
        uint32_t mj = (s[0] & s[1]) ^ (s[0] & s[2]) ^ (s[1] & s[2]);

        memmove(s + 1, s, 7 * sizeof(s[0]));
        s[4] += t1;
        s[0] = t1 + S0 + mj;
    }
    for (int i = 0; i < 8; i++)
        c->h[i] = (uint32_t)(c->h[i] + s[i]);
}

static void sha512_block(md_ctx *c, const unsigned char *p)
{
    static const uint64_t K[80] = {
        0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
        0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
        0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
        0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
        0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
        0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
        0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
        0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
        0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
        0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
        0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
        0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
        0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
        0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
        0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
        0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
        0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
        0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
        0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
        0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL};
    uint64_t w[80], s[8];

    for (int i = 0; i < 16; i++) {
        w[i] = 0;
        for (int k = 0; k < 8; k++)
            w[i] = w[i] << 8 | p[i * 8 + k];
    }
    for (int i = 16; i < 80; i++) {
        uint64_t s0 = ROR64(w[i - 15], 1) ^ ROR64(w[i - 15], 8) ^ (w[i - 15] >> 7);
        uint64_t s1 = ROR64(w[i - 2], 19) ^ ROR64(w[i - 2], 61) ^ (w[i - 2] >> 6);

        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    memcpy(s, c->h, sizeof(s));
    for (int i = 0; i < 80; i++) {
        uint64_t S1 = ROR64(s[4], 14) ^ ROR64(s[4], 18) ^ ROR64(s[4], 41);
        uint64_t ch = (s[4] & s[5]) ^ (~s[4] & s[6]);
        uint64_t t1 = s[7] + S1 + ch + K[i] + w[i];
        uint64_t S0 = ROR64(s[0], 28) ^ ROR64(s[0], 34) ^ ROR64(s[0], 39);
        uint64_t mj = (s[0] & s[1]) ^ (s[0] & s[2]) ^ (s[1] & s[2]);

        memmove(s + 1, s, 7 * sizeof(s[0]));
        s[4] += t1;
        s[0] = t1 + S0 + mj;
    }
    for (int i = 0; i < 8; i++)
        c->h[i] += s[i];
}

static size_t md_block_size(const md_ctx *c)
{
    return c->alg >= 4 ? 128 : 64;
}

static void md_compress(md_ctx *c, const unsigned char *p)
{
    switch (c->alg) {
    case 0:
        md5_block(c, p);
        break;
    case 1:
        sha1_block(c, p);
        break;
    case 2:
    case 3:
        sha256_block(c, p);
        break;
    default:
        sha512_block(c, p);
        break;
    }
}

static void md_init(md_ctx *c, int alg)
{
    static const uint64_t iv[6][8] = {
        {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476},
        {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0},
        {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7,
         0xbefa4fa4},
        {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
         0x5be0cd19},
        {0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
         0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL,
         0x47b5481dbefa4fa4ULL},
        {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
         0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL,
         0x5be0cd19137e2179ULL},
    };

    memset(c, 0, sizeof(*c));
    c->alg = alg;
    memcpy(c->h, iv[alg], sizeof(c->h));
}

static void md_update(md_ctx *c, const unsigned char *p, size_t n)
{
    size_t bs = md_block_size(c);

    c->bits += (uint64_t)n * 8;
    while (n > 0) {
        size_t take = bs - c->fill < n ? bs - c->fill : n;

        memcpy(c->buf + c->fill, p, take);
        c->fill += take;
        p += take;
        n -= take;
        if (c->fill == bs) {
            md_compress(c, c->buf);
            c->fill = 0;
        }
    }
}

/* Merkle-Damgard padding: 0x80, zeros, then the bit length (little-endian
 * 64-bit for MD5, big-endian 64/128-bit for SHA). */
static size_t md_final(md_ctx *c, unsigned char *out)
{
    static const size_t outlen[6] = {16, 20, 28, 32, 48, 64};
    size_t bs = md_block_size(c), lenbytes = c->alg >= 4 ? 16 : 8;
    uint64_t bits = c->bits;
    unsigned char pad[144] = {0x80};
    size_t padn = (bs - lenbytes - (c->fill + 1) % bs + bs) % bs + 1;

    md_update(c, pad, padn);
    memset(pad, 0, sizeof(pad));
    for (size_t i = 0; i < 8; i++) {
        if (c->alg == 0)
            pad[i] = (unsigned char)(bits >> (8 * i));
        else
            pad[lenbytes - 1 - i] = (unsigned char)(bits >> (8 * i));
    }
    md_update(c, pad, lenbytes);
    for (size_t i = 0; i < outlen[c->alg]; i++) {
        if (c->alg == 0)
            out[i] = (unsigned char)(c->h[i / 4] >> (8 * (i % 4)));
        else if (c->alg < 4)
            out[i] = (unsigned char)(c->h[i / 4] >> (8 * (3 - i % 4)));
        else
            out[i] = (unsigned char)(c->h[i / 8] >> (8 * (7 - i % 8)));
    }
    return outlen[c->alg];
}

static const char *const digest_names[6] = {"md5", "sha1", "sha224", "sha256", "sha384", "sha512"};

bool hh_fn_digest_hex(const char *alg, const unsigned char *data, size_t len, char *hex,
                      size_t hexlen)
{
    unsigned char out[64];
    md_ctx c;
    size_t n;
    int a = -1;

    for (int i = 0; i < 6; i++)
        if (strcasecmp(alg, digest_names[i]) == 0)
            a = i;
    if (a < 0)
        return false;
    md_init(&c, a);
    md_update(&c, data, len);
    n = md_final(&c, out);
    if (hexlen < 2 * n + 1)
        return false;
    for (size_t i = 0; i < n; i++)
        snprintf(hex + 2 * i, 3, "%02x", out[i]);
    return true;
}

/* ---- get_param --------------------------------------------------------- */

static int get_param_result(const hh_fwalk *w, const char *fname, json_t *args, json_t **out,
                            hh_error *err)
{
    json_t *a = NULL, *val = NULL, *fail = NULL;
    const json_t *name = NULL;
    int rc = hh_fn_get(w, args, &a, err);

    if (rc)
        goto done;
    if (!hh_py_truthy(a)) {
        rc = hh_fn_error(err, VE, "Function \"%s\" must have arguments", fname);
        goto done;
    }
    if (json_is_string(a))
        name = a;
    else if (json_is_array(a))
        name = json_array_get(a, 0);
    else {
        rc = hh_fn_error(err, TE, "Argument to \"%s\" must be string or list", fname);
        goto done;
    }
    if (!json_is_string(name)) {
        rc = hh_fn_error(err, TE, "Parameter name in \"%s\" must be string", fname);
        goto done;
    }
    rc = HH_ENOTFOUND;
    if (w->ctx && w->ctx->ops && w->ctx->ops->get_param)
        rc = w->ctx->ops->get_param(w->ctx->ud, json_string_value(name), &val, err);
    if (rc == HH_ENOTFOUND) {
        rc = hh_error_set(err, HH_EINVAL, "UserParameterMissing",
                          "The Parameter (%s) was not provided.", json_string_value(name));
        goto done;
    }
    if (rc)
        goto done;
    fail = json_string("");
    *out = json_is_array(a) ? hh_py_select_path(val, a, 1, fail, false) : json_incref(val);
    if (!*out)
        rc = ENOMEM;
done:
    json_decref(a);
    json_decref(val);
    json_decref(fail);
    return rc;
}

/* ---- get_resource / get_attr ------------------------------------------ */

static int reference_error(const json_t *name, hh_error *err)
{
    hh_pybuf b = {0};
    int rc;

    hh_py_str_to(&b, name);
    rc = hh_error_set(err, HH_EINVAL, "InvalidTemplateReference",
                      "The specified reference \"%s\" (in unknown) is incorrect.", b.s ? b.s : "");
    hh_pybuf_free(&b);
    return rc;
}

/* stack[resource_name]: the reference id, or InvalidTemplateReference. */
static int resource_lookup(const hh_fwalk *w, const json_t *name, json_t **out, hh_error *err)
{
    int rc = HH_ENOTFOUND;

    *out = NULL;
    if (json_is_string(name) && w->ctx && w->ctx->ops && w->ctx->ops->get_resource)
        rc = w->ctx->ops->get_resource(w->ctx->ud, json_string_value(name), out, err);
    if (rc == HH_ENOTFOUND)
        rc = reference_error(name, err);
    return rc;
}

int hh_fn_get_resource_result(const hh_fwalk *w, const json_t *name, json_t **out, hh_error *err)
{
    return resource_lookup(w, name, out, err);
}

static int attribute_error(const json_t *res, const json_t *attr, hh_error *err)
{
    hh_pybuf a = {0}, b = {0};
    int rc;

    hh_py_str_to(&a, res);
    hh_py_str_to(&b, attr);
    rc = hh_error_set(err, HH_EINVAL, "InvalidTemplateAttribute",
                      "The Referenced Attribute (%s %s) is incorrect.", a.s ? a.s : "",
                      b.s ? b.s : "");
    hh_pybuf_free(&a);
    hh_pybuf_free(&b);
    return rc;
}

/* GetAtt / GetAttThenSelect / GetAttAllAttributes result: the attribute
 * (all of them when all), then select_from_attribute along path (items
 * from index 0 of the resolved path list). */
int hh_fn_get_attr_result(const hh_fwalk *w, const char *fname, json_t *res, json_t *attr,
                          json_t *path, bool all, json_t **out, hh_error *err)
{
    json_t *rname = NULL, *aname = NULL, *rpath = NULL, *ref = NULL, *val = NULL;
    int rc = 0;

    if (!all) {
        rc = hh_fn_get(w, path, &rpath, err);
        if (!rc)
            rc = hh_fn_get(w, attr, &aname, err);
        if (rc)
            goto done;
    }
    rc = hh_fn_get(w, res, &rname, err);
    if (rc)
        goto done;
    rc = resource_lookup(w, rname, &ref, err);
    if (rc)
        goto done;
    if (!all && !json_is_string(aname)) {
        rc = attribute_error(rname, aname, err);
        goto done;
    }
    rc = HH_ENOTFOUND;
    if (!all && w->ctx && w->ctx->ops && w->ctx->ops->get_attr_path)
        rc = w->ctx->ops->get_attr_path(w->ctx->ud, json_string_value(rname),
                                        json_string_value(aname), rpath, &val, err);
    else if (w->ctx && w->ctx->ops && w->ctx->ops->get_attr)
        rc = w->ctx->ops->get_attr(w->ctx->ud, json_string_value(rname),
                                   all ? NULL : json_string_value(aname), &val, err);
    if (rc == HH_ENOTFOUND) {
        rc = attribute_error(rname, all ? json_null() : aname, err);
        goto done;
    }
    if (rc)
        goto done;
    if (json_is_null(val) || all || w->ctx->ops->get_attr_path) {
        *out = json_incref(val);
    } else {
        *out = hh_py_select_path(val, rpath, 0, json_null(), true);
    }
    if (!*out)
        rc = ENOMEM;
done:
    json_decref(rname);
    json_decref(aname);
    json_decref(rpath);
    json_decref(ref);
    json_decref(val);
    return rc;
}

int hh_fn_get_attr_validate(const hh_fwalk *w, json_t *res, json_t *attr, bool all, hh_error *err)
{
    json_t *rname = NULL, *aname = NULL, *ref = NULL, *val = NULL;
    int rc = hh_fn_get(w, res, &rname, err);

    if (rc)
        goto done;
    rc = resource_lookup(w, rname, &ref, err);
    if (rc || all)
        goto done;
    rc = hh_fn_get(w, attr, &aname, err);
    if (rc)
        goto done;
    rc = HH_ENOTFOUND;
    if (json_is_string(aname) && w->ctx && w->ctx->ops && w->ctx->ops->get_attr)
        rc = w->ctx->ops->get_attr(w->ctx->ud, json_string_value(rname), json_string_value(aname),
                                   &val, err);
    if (rc == HH_ENOTFOUND)
        rc = attribute_error(res, aname, err);
done:
    json_decref(rname);
    json_decref(aname);
    json_decref(ref);
    json_decref(val);
    return rc;
}

/* Split get_attr arguments as the version's class does. */
static int get_attr_parts(const hh_fwalk *w, const hh_func_def *def, json_t *args, json_t **res,
                          json_t **attr, json_t **path, hh_error *err)
{
    const char *fname = def->name;

    *res = *attr = *path = NULL;
    if (def->kind == HH_FK_GET_ATTR_ALL) {
        if (!hh_py_truthy(args) && !isfn(w, args))
            return hh_fn_error(err, VE,
                               "Arguments to \"%s\" can be of the next forms: [resource_name] "
                               "or [resource_name, attribute, (path), ...]",
                               fname);
        if (json_is_string(args) &&
            hh_utf8_nlen(json_string_value(args), json_string_length(args)) == 1) {
            *res = json_incref(args);
            return 0;
        }
        if (json_is_array(args) && json_array_size(args) == 1) {
            *res = json_incref(json_array_get(args, 0));
            return 0;
        }
    }
    if (!json_is_array(args) || isfn(w, args))
        return hh_fn_error(err, TE, "Argument to \"%s\" must be a list", fname);
    if (json_array_size(args) < 2)
        return hh_fn_error(err, VE,
                           "Arguments to \"%s\" must be of the form [resource_name, attribute, "
                           "(path), ...]",
                           fname);
    *res = json_incref(json_array_get(args, 0));
    *attr = json_incref(json_array_get(args, 1));
    *path = json_array();
    for (size_t i = 2; *path && i < json_array_size(args); i++)
        json_array_append(*path, json_array_get(args, i));
    if (!*path) {
        json_decref(*res);
        json_decref(*attr);
        return ENOMEM;
    }
    return 0;
}

/* ---- strings ----------------------------------------------------------- */

/* Python's str.split(sep) (sep a string; "" is ValueError) or, with sep
 * None, split on runs of whitespace. */
int hh_fn_split_str(const char *s, size_t n, const json_t *delim, json_t **out, hh_error *err)
{
    json_t *list = json_array();
    int rc = 0;

    if (!list)
        return ENOMEM;
    if (json_is_null(delim)) {
        size_t i = 0;

        while (i < n) {
            size_t st;

            while (i < n && isspace((unsigned char)s[i]))
                i++;
            if (i >= n)
                break;
            st = i;
            while (i < n && !isspace((unsigned char)s[i]))
                i++;
            if (json_array_append_new(list, json_stringn(s + st, i - st))) {
                rc = ENOMEM;
                goto done;
            }
        }
    } else if (!json_is_string(delim)) {
        rc = hh_fn_error(err, TE, "must be str or None, not %s", hh_py_type_name(delim));
        goto done;
    } else {
        const char *d = json_string_value(delim);
        size_t dl = json_string_length(delim), st = 0;

        if (dl == 0) {
            rc = hh_fn_error(err, VE, "empty separator");
            goto done;
        }
        for (size_t i = 0; i + dl <= n;) {
            if (memcmp(s + i, d, dl) == 0) {
                if (json_array_append_new(list, json_stringn(s + st, i - st))) {
                    rc = ENOMEM;
                    goto done;
                }
                i += dl;
                st = i;
            } else {
                i++;
            }
        }
        if (json_array_append_new(list, json_stringn(s + st, n - st)))
            rc = ENOMEM;
    }
done:
    if (rc)
        json_decref(list);
    else
        *out = list;
    return rc;
}

/* Replace._validate_replacement and its JSON variants: the text a param
 * value stands for. */
static int replacement_text(const hh_func_def *def, const char *fname, const char *param,
                            const json_t *value, hh_pybuf *b, hh_error *err)
{
    bool json_kind = def->kind == HH_FK_REPLACE_JSON || def->kind == HH_FK_REPLACE_STRICT ||
                     def->kind == HH_FK_REPLACE_VSTRICT;
    bool allow_empty = def->kind != HH_FK_REPLACE_VSTRICT;

    if (json_is_null(value)) {
        if (allow_empty)
            return 0;
        goto empty;
    }
    if (json_is_object(value) || json_is_array(value)) {
        if (!json_kind)
            return hh_fn_error(err, TE,
                               "\"%s\" params must be strings or numbers, param %s is not valid",
                               fname, param);
        if (!allow_empty &&
            (json_is_object(value) ? json_object_size(value) : json_array_size(value)) == 0)
            goto empty;
        hh_py_dumps_to(b, value, true);
        return 0;
    }
    hh_py_str_to(b, value);
    if (!allow_empty && b->len == 0)
        goto empty;
    return 0;
empty:
    return hh_fn_error(err, VE,
                       "%s has an undefined or empty value for param %s, must be a defined "
                       "non-empty value",
                       fname, param);
}

typedef struct repl_key {
    const char *key;
    size_t len;   /* bytes */
    size_t chars; /* code points, Python's len() */
    hh_pybuf text;
    bool used;
} repl_key;

static int repl_cmp(const void *a, const void *b)
{
    const repl_key *x = a, *y = b;

    if (x->chars != y->chars)
        return x->chars > y->chars ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* Replace.result's recursion: split s on key i, substitute within each
 * piece with the later keys, and join with key i's text. Longer keys go
 * first, so a replacement is never rescanned. */
static void repl_expand(repl_key *keys, size_t nkeys, size_t i, const char *s, size_t n,
                        hh_pybuf *out)
{
    size_t st = 0;

    if (out->rc)
        return;
    if (i == nkeys) {
        hh_pybuf_add(out, s, n);
        return;
    }
    for (size_t p = 0; p + keys[i].len <= n;) {
        if (memcmp(s + p, keys[i].key, keys[i].len) == 0) {
            repl_expand(keys, nkeys, i + 1, s + st, p - st, out);
            hh_pybuf_add(out, keys[i].text.s ? keys[i].text.s : "", keys[i].text.len);
            keys[i].used = true;
            p += keys[i].len;
            st = p;
        } else {
            p++;
        }
    }
    repl_expand(keys, nkeys, i + 1, s + st, n - st, out);
}

int hh_fn_replace_result(const hh_fwalk *w, const hh_func_def *def, const char *fname,
                         json_t *params, json_t *tmpl, json_t **out, hh_error *err)
{
    bool strict = def->kind == HH_FK_REPLACE_STRICT || def->kind == HH_FK_REPLACE_VSTRICT;
    json_t *t = NULL, *m = NULL;
    repl_key *keys = NULL;
    size_t n = 0, i = 0;
    hh_pybuf res = {0};
    const char *k;
    json_t *x;
    int rc = hh_fn_get(w, tmpl, &t, err);

    if (!rc)
        rc = hh_fn_get(w, params, &m, err);
    if (rc)
        goto done;
    if (!json_is_string(t)) {
        rc = hh_fn_error(err, TE, "\"%s\" template must be a string", fname);
        goto done;
    }
    if (!json_is_object(m)) {
        rc = hh_fn_error(err, TE, "\"%s\" params must be a map", fname);
        goto done;
    }
    n = json_object_size(m);
    if (n > HH_FUNC_MAX_DEPTH) {
        rc = hh_error_set(err, HH_ELIMIT, "StackValidationFailed", "\"%s\" has more than %d params",
                          fname, HH_FUNC_MAX_DEPTH);
        goto done;
    }
    keys = calloc(n ? n : 1, sizeof(*keys));
    if (!keys) {
        rc = ENOMEM;
        goto done;
    }
    json_object_foreach(m, k, x)
    {
        keys[i].key = k;
        keys[i].len = strlen(k);
        keys[i].chars = hh_utf8_nlen(k, keys[i].len);
        i++;
    }
    qsort(keys, n, sizeof(*keys), repl_cmp);
    for (i = 0; i < n; i++) {
        rc = replacement_text(def, fname, keys[i].key, json_object_get(m, keys[i].key),
                              &keys[i].text, err);
        if (rc)
            goto done;
        if (keys[i].text.rc) {
            rc = keys[i].text.rc == HH_ELIMIT ? set_out_string(&keys[i].text, out, err)
                                              : keys[i].text.rc;
            goto done;
        }
        if (keys[i].len == 0) {
            rc = hh_fn_error(err, VE, "empty separator");
            goto done;
        }
    }
    repl_expand(keys, n, 0, json_string_value(t), json_string_length(t), &res);
    if (strict && !res.rc) {
        hh_pybuf miss = {0};

        for (i = 0; i < n; i++)
            if (!keys[i].used) {
                if (miss.len)
                    hh_pybuf_adds(&miss, ",");
                hh_pybuf_adds(&miss, keys[i].key);
            }
        if (miss.len)
            rc = hh_fn_error(err, VE, "The following params were not found in the template: %s",
                             miss.s);
        hh_pybuf_free(&miss);
        if (rc)
            goto done;
    }
    rc = set_out_string(&res, out, err);
done:
    for (i = 0; keys && i < n; i++)
        hh_pybuf_free(&keys[i].text);
    free(keys);
    hh_pybuf_free(&res);
    json_decref(t);
    json_decref(m);
    return rc;
}

static void repr200(hh_pybuf *b, const json_t *j)
{
    hh_pybuf r = {0};
    size_t chars = 0, at = 0;

    hh_py_repr_to(&r, j);
    while (at < r.len && chars < 200) {
        at++;
        while (at < r.len && ((unsigned char)r.s[at] & 0xc0) == 0x80)
            at++;
        chars++;
    }
    hh_pybuf_add(b, r.s ? r.s : "", at);
    hh_pybuf_free(&r);
}

/* Join.result (list_join before 2015-10-15, Fn::Join). */
int hh_fn_join_result(const hh_fwalk *w, const char *fname, json_t *delim, json_t *list,
                      json_t **out, hh_error *err)
{
    json_t *strings = NULL, *d = NULL;
    hh_pybuf b = {0};
    size_t i;
    json_t *x;
    int rc = hh_fn_get(w, list, &strings, err);

    if (rc)
        goto done;
    if (json_is_null(strings)) {
        json_decref(strings);
        strings = json_array();
    }
    if (!json_is_array(strings)) {
        rc = hh_fn_error(err, TE, "\"%s\" must operate on a list", fname);
        goto done;
    }
    rc = hh_fn_get(w, delim, &d, err);
    if (rc)
        goto done;
    if (!json_is_string(d)) {
        rc = hh_fn_error(err, TE, "\"%s\" delimiter must be a string", fname);
        goto done;
    }
    json_array_foreach(strings, i, x)
    {
        if (!json_is_null(x) && !json_is_string(x)) {
            hh_pybuf m = {0};

            repr200(&m, x);
            rc = hh_fn_error(err, TE, "Items to join must be strings not %s", m.s ? m.s : "");
            hh_pybuf_free(&m);
            goto done;
        }
        if (i)
            hh_pybuf_add(&b, json_string_value(d), json_string_length(d));
        if (json_is_string(x))
            hh_pybuf_add(&b, json_string_value(x), json_string_length(x));
    }
    rc = set_out_string(&b, out, err);
done:
    hh_pybuf_free(&b);
    json_decref(strings);
    json_decref(d);
    return rc;
}

static int join_multi_result(const hh_fwalk *w, const char *fname, json_t *args, json_t **out,
                             hh_error *err)
{
    json_t *lists = NULL, *rest = json_array(), *d = NULL, *jl;
    hh_pybuf b = {0};
    size_t i, j, count = 0;
    int rc = 0;

    if (!rest)
        return ENOMEM;
    for (i = 1; i < json_array_size(args); i++)
        json_array_append(rest, json_array_get(args, i));
    rc = hh_fn_get(w, rest, &lists, err);
    if (rc)
        goto done;
    json_array_foreach(lists, i, jl)
    {
        if (hh_py_truthy(jl) && !json_is_array(jl)) {
            rc = hh_fn_error(err, TE, "\"%s\" must operate on a list", fname);
            goto done;
        }
    }
    rc = hh_fn_get(w, json_array_get(args, 0), &d, err);
    if (rc)
        goto done;
    if (!json_is_string(d)) {
        rc = hh_fn_error(err, TE, "\"%s\" delimiter must be a string", fname);
        goto done;
    }
    json_array_foreach(lists, i, jl)
    {
        json_t *x;

        if (!json_is_array(jl))
            continue;
        json_array_foreach(jl, j, x)
        {
            if (count++)
                hh_pybuf_add(&b, json_string_value(d), json_string_length(d));
            if (json_is_string(x)) {
                hh_pybuf_add(&b, json_string_value(x), json_string_length(x));
            } else if (json_is_object(x) || json_is_array(x)) {
                hh_py_dumps_to(&b, x, true);
            } else if (!json_is_null(x)) {
                hh_pybuf m = {0};

                repr200(&m, x);
                rc = hh_fn_error(err, TE, "Items to join must be string, map or list not %s",
                                 m.s ? m.s : "");
                hh_pybuf_free(&m);
                goto done;
            }
        }
    }
    rc = set_out_string(&b, out, err);
done:
    hh_pybuf_free(&b);
    json_decref(rest);
    json_decref(lists);
    json_decref(d);
    return rc;
}

/* ---- repeat ------------------------------------------------------------ */

/* Python's str.replace(key, value) (an empty key inserts value between
 * every character and at both ends). */
static void str_replace_all(hh_pybuf *out, const char *s, size_t n, const char *key, size_t kl,
                            const char *val, size_t vl)
{
    if (kl == 0) {
        size_t i = 0;

        hh_pybuf_add(out, val, vl);
        while (i < n) {
            size_t st = i++;

            while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
                i++;
            hh_pybuf_add(out, s + st, i - st);
            hh_pybuf_add(out, val, vl);
        }
        return;
    }
    for (size_t i = 0, st = 0;;) {
        if (i + kl > n) {
            hh_pybuf_add(out, s + st, n - st);
            break;
        }
        if (memcmp(s + i, key, kl) == 0) {
            hh_pybuf_add(out, s + st, i - st);
            hh_pybuf_add(out, val, vl);
            i += kl;
            st = i;
        } else {
            i++;
        }
    }
}

static int repeat_over_budget(hh_error *err)
{
    return hh_error_set(err, HH_ELIMIT, "StackValidationFailed",
                        "\"repeat\" would produce more than %u bytes", HH_FUNC_MAX_REPEAT_OUTPUT);
}

/* Repeat._do_replacement; *budget is what the repeat may still produce. */
static int repeat_replace(json_t *keys, json_t **vals, json_t *tmpl, json_t **out, size_t *budget,
                          hh_error *err)
{
    int rc = 0;

    *out = NULL;
    if (*budget < 64)
        return repeat_over_budget(err);
    *budget -= 64;
    if (json_is_string(tmpl)) {
        json_t *cur = json_incref(tmpl);

        for (size_t i = 0; i < json_array_size(keys); i++) {
            hh_pybuf b = {0};
            json_t *key = json_array_get(keys, i);

            if (!json_is_string(vals[i])) {
                json_decref(cur);
                return hh_fn_error(err, TE, "replace() argument 2 must be str, not %s",
                                   hh_py_type_name(vals[i]));
            }
            str_replace_all(&b, json_string_value(cur), json_string_length(cur),
                            json_string_value(key), json_string_length(key),
                            json_string_value(vals[i]), json_string_length(vals[i]));
            json_decref(cur);
            cur = NULL;
            rc = set_out_string(&b, &cur, err);
            hh_pybuf_free(&b);
            if (rc)
                return rc;
        }
        if (json_string_length(cur) > *budget) {
            json_decref(cur);
            return repeat_over_budget(err);
        }
        *budget -= json_string_length(cur);
        *out = cur;
        return 0;
    }
    if (json_is_array(tmpl)) {
        json_t *res = json_array(), *x, *r = NULL;
        size_t i;

        if (!res)
            return ENOMEM;
        json_array_foreach(tmpl, i, x)
        {
            rc = repeat_replace(keys, vals, x, &r, budget, err);
            if (!rc && json_array_append_new(res, r))
                rc = ENOMEM;
            if (rc) {
                json_decref(res);
                return rc;
            }
        }
        *out = res;
        return 0;
    }
    if (json_is_object(tmpl)) {
        json_t *res = json_object(), *x, *rk = NULL, *rv = NULL;
        const char *k;

        if (!res)
            return ENOMEM;
        json_object_foreach(tmpl, k, x)
        {
            json_t *kj = json_string(k);

            rc = kj ? repeat_replace(keys, vals, kj, &rk, budget, err) : ENOMEM;
            json_decref(kj);
            if (!rc)
                rc = repeat_replace(keys, vals, x, &rv, budget, err);
            if (!rc && json_object_set_new(res, json_string_value(rk), rv))
                rc = ENOMEM;
            else if (!rc)
                rv = NULL;
            json_decref(rk);
            json_decref(rv);
            rk = rv = NULL;
            if (rc) {
                json_decref(res);
                return rc;
            }
        }
        *out = res;
        return 0;
    }
    *out = json_incref(tmpl);
    return 0;
}

static int repeat_result(const hh_fwalk *w, const hh_func_def *def, json_t *args, json_t **out,
                         hh_error *err)
{
    const char *fname = def->name;
    json_t *fe = NULL, *tmpl = NULL, *keys = json_array(), *lists = json_array(), *res = NULL;
    json_t *perm = json_object_get(args, "permutations");
    bool nested = def->kind != HH_FK_REPEAT_NESTED || !perm || json_is_true(perm);
    bool maps_ok = def->kind != HH_FK_REPEAT && nested;
    json_t **vals = NULL;
    size_t *idx = NULL, n = 0, total = 1, i, budget = HH_FUNC_MAX_REPEAT_OUTPUT;
    const char *k;
    json_t *x;
    int rc = 0;

    if (!keys || !lists) {
        rc = ENOMEM;
        goto done;
    }
    rc = hh_fn_get(w, json_object_get(args, "for_each"), &fe, err);
    if (rc)
        goto done;
    if (!json_is_object(fe)) {
        rc = hh_fn_error(err, "AttributeError", "'%s' object has no attribute 'items'",
                         hh_py_type_name(fe));
        goto done;
    }
    if (json_object_size(fe) == 0) {
        rc = hh_fn_error(err, VE, "not enough values to unpack (expected 2, got 0)");
        goto done;
    }
    json_object_foreach(fe, k, x)
    {
        json_t *items = NULL;

        if (json_is_null(x)) {
            items = json_array();
        } else if (json_is_array(x) || (maps_ok && json_is_object(x))) {
            if (json_is_object(x)) {
                const char *mk;
                json_t *mv;

                items = json_array();
                json_object_foreach(x, mk, mv) if (items)
                    json_array_append_new(items, json_string(mk));
            } else {
                items = json_incref(x);
            }
        } else {
            rc = hh_fn_error(err, TE,
                             maps_ok ? "The values of the \"for_each\" argument to \"%s\" must "
                                       "be lists or maps"
                                     : "The values of the \"for_each\" argument to \"%s\" must "
                                       "be lists",
                             fname);
            goto done;
        }
        if (!items || json_array_append_new(keys, json_string(k)) ||
            json_array_append_new(lists, items)) {
            rc = ENOMEM;
            goto done;
        }
    }
    n = json_array_size(keys);
    if (!nested) {
        size_t len0 = (size_t)-1;

        json_array_foreach(lists, i, x)
        {
            if (json_is_null(json_object_get(fe, json_string_value(json_array_get(keys, i)))))
                continue;
            if (len0 != (size_t)-1 && json_array_size(x) != len0) {
                rc = hh_fn_error(err, VE,
                                 "For %s, the length of for_each values should be equal if no "
                                 "nested loop.",
                                 fname);
                goto done;
            }
            len0 = json_array_size(x);
        }
        total = (size_t)-1;
        json_array_foreach(lists, i, x) if (json_array_size(x) < total) total = json_array_size(x);
    } else {
        json_array_foreach(lists, i, x)
        {
            size_t len = json_array_size(x);

            if (len && total > HH_FUNC_MAX_ITEMS / len) {
                total = HH_FUNC_MAX_ITEMS + 1;
                break;
            }
            total *= len;
        }
    }
    if (total > HH_FUNC_MAX_ITEMS) {
        rc = hh_error_set(err, HH_ELIMIT, "StackValidationFailed",
                          "\"%s\" would produce more than %d items", fname, HH_FUNC_MAX_ITEMS);
        goto done;
    }
    rc = hh_fn_get(w, json_object_get(args, "template"), &tmpl, err);
    if (rc)
        goto done;
    res = json_array();
    vals = calloc(n, sizeof(*vals));
    idx = calloc(n, sizeof(*idx));
    if (!res || !vals || !idx) {
        rc = ENOMEM;
        goto done;
    }
    /* itertools.product: the last list varies fastest; zip: in step. */
    for (size_t item = 0; item < total; item++) {
        json_t *r = NULL;

        for (i = 0; i < n; i++)
            vals[i] = json_array_get(json_array_get(lists, i), nested ? idx[i] : item);
        rc = repeat_replace(keys, vals, tmpl, &r, &budget, err);
        if (!rc && json_array_append_new(res, r))
            rc = ENOMEM;
        if (rc)
            goto done;
        for (i = n; nested && i-- > 0;) {
            if (++idx[i] < json_array_size(json_array_get(lists, i)))
                break;
            idx[i] = 0;
        }
    }
    *out = res;
    res = NULL;
done:
    free(vals);
    free(idx);
    json_decref(res);
    json_decref(fe);
    json_decref(tmpl);
    json_decref(keys);
    json_decref(lists);
    return rc;
}

/* ---- digest, str_split, maps ------------------------------------------ */

static int digest_result(const hh_fwalk *w, const char *fname, json_t *args, json_t **out,
                         hh_error *err)
{
    json_t *a = NULL, *x;
    unsigned char *bytes = NULL;
    size_t i, nb = 0;
    char hex[129];
    int rc = hh_fn_get(w, args, &a, err);

    if (rc)
        goto done;
    if (!json_is_array(a)) {
        rc = hh_fn_error(err, TE, "Argument to function \"%s\" must be a list of strings", fname);
        goto done;
    }
    json_array_foreach(a, i, x)
    {
        if (!json_is_string(x)) {
            rc = hh_fn_error(err, TE, "Argument to function \"%s\" must be a list of strings",
                             fname);
            goto done;
        }
    }
    if (json_array_size(a) != 2) {
        rc = hh_fn_error(err, VE, "Function \"%s\" usage: [\"<algorithm>\", \"<value>\"]", fname);
        goto done;
    }
    {
        const char *s = json_string_value(json_array_get(a, 1));
        const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
        size_t pos = 0;

        bytes = malloc(strlen(s) + 1);
        if (!bytes) {
            rc = ENOMEM;
            goto done;
        }
        /* value.encode('latin-1'): code points above 0xff are refused */
        while (p < end) {
            unsigned c = *p++;
            int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;

            if (extra)
                c &= 0x3f >> extra;
            while (extra-- > 0 && p < end)
                c = (c << 6) | (*p++ & 0x3f);
            if (c > 0xff) {
                rc = hh_fn_error(err, "UnicodeEncodeError",
                                 c > 0xffff ? "'latin-1' codec can't encode character '\\U%08x' "
                                              "in position %zu: ordinal not in range(256)"
                                            : "'latin-1' codec can't encode character '\\u%04x' "
                                              "in position %zu: ordinal not in range(256)",
                                 c, pos);
                goto done;
            }
            bytes[nb++] = (unsigned char)c;
            pos++;
        }
    }
    if (!hh_fn_digest_hex(json_string_value(json_array_get(a, 0)), bytes, nb, hex, sizeof(hex))) {
        rc = hh_fn_error(err, VE,
                         "Algorithm must be one of {'md5', 'sha1', 'sha224', 'sha256', "
                         "'sha384', 'sha512'}");
        goto done;
    }
    *out = json_string(hex);
    rc = *out ? 0 : ENOMEM;
done:
    free(bytes);
    json_decref(a);
    return rc;
}

static int str_split_result(const hh_fwalk *w, const char *fname, json_t *args, json_t **out,
                            hh_error *err)
{
    json_t *a = NULL, *list = NULL, *s = NULL;
    int rc = hh_fn_get(w, args, &a, err);

    if (rc)
        goto done;
    if (!json_is_array(a) || json_array_size(a) < 2) {
        rc = hh_fn_error(err, VE,
                         "Incorrect arguments to \"%s\" should be: \"%s\" : [ \",\", "
                         "\"apples,pears\", <index>]",
                         fname, fname);
        goto done;
    }
    s = json_array_get(a, 1);
    if (json_is_null(s)) {
        *out = json_null();
        goto done;
    }
    if (!json_is_string(s)) {
        rc = hh_fn_error(err, "AttributeError", "'%s' object has no attribute 'split'",
                         hh_py_type_name(s));
        goto done;
    }
    rc = hh_fn_split_str(json_string_value(s), json_string_length(s), json_array_get(a, 0), &list,
                         err);
    if (rc)
        goto done;
    if (json_array_size(a) > 2) {
        json_int_t idx = 0, n = (json_int_t)json_array_size(list);

        rc = hh_fn_pyint(json_array_get(a, 2), &idx, err);
        if (rc && err && err->type && strcmp(err->type, VE) == 0) {
            rc = hh_fn_error(err, VE,
                             "Incorrect index to \"%s\" should be: \"%s\" : [ \",\", "
                             "\"apples,pears\", <index>]",
                             fname, fname);
        }
        if (rc)
            goto done;
        if (idx < 0)
            idx += n;
        if (idx < 0 || idx >= n) {
            rc = hh_fn_error(
                err, VE, "Incorrect index to \"%s\" should be between 0 and %" JSON_INTEGER_FORMAT,
                fname, n - 1);
            goto done;
        }
        *out = json_incref(json_array_get(list, (size_t)idx));
    } else {
        *out = json_incref(list);
    }
done:
    json_decref(list);
    json_decref(a);
    return rc;
}

static int map_merge_result(const hh_fwalk *w, const char *fname, json_t *args, json_t **out,
                            hh_error *err)
{
    json_t *a = NULL, *res = json_object(), *x;
    size_t i;
    int rc = hh_fn_get(w, args, &a, err);

    if (!res)
        rc = rc ? rc : ENOMEM;
    if (rc)
        goto done;
    if (json_is_string(a)) {
        if (json_string_length(a) > 0)
            rc = hh_fn_error(err, TE, "Incorrect arguments: Items to merge must be maps.");
        goto finish;
    }
    if (!json_is_array(a)) {
        rc = hh_fn_error(err, TE,
                         "Incorrect arguments to \"%s\" should be: \"%s\" : [ { \"key1\": "
                         "\"val1\" }, { \"key2\": \"val2\" } ]",
                         fname, fname);
        goto done;
    }
    json_array_foreach(a, i, x)
    {
        if (json_is_null(x))
            continue;
        if (!json_is_object(x)) {
            rc = hh_fn_error(err, TE, "Incorrect arguments: Items to merge must be maps.");
            goto done;
        }
        if (json_object_update(res, x)) {
            rc = ENOMEM;
            goto done;
        }
    }
finish:
    if (!rc) {
        *out = res;
        res = NULL;
    }
done:
    json_decref(res);
    json_decref(a);
    return rc;
}

#define MAP_REPLACE_EXAMPLE                                                                        \
    "\"%s\" : [ { \"key1\": \"val1\" }, {\"keys\": {\"key1\": \"key2\"}, \"values\": {\"val1\": "  \
    "\"val2\"}}]"

static int map_replace_result(const hh_fwalk *w, const char *fname, json_t *args, json_t **out,
                              hh_error *err)
{
    json_t *a = NULL, *in = NULL, *repl = NULL, *rk = NULL, *rv = NULL, *res = NULL, *x;
    const char *k;
    int rc = hh_fn_get(w, args, &a, err);
    char ex[256];

    snprintf(ex, sizeof(ex), MAP_REPLACE_EXAMPLE, fname);
    if (rc)
        goto done;
    if (json_is_object(a)) {
        /* dict.pop(0) */
        rc = hh_error_set(err, HH_EINVAL, KE, "0");
        goto done;
    }
    if (!json_is_array(a) || json_array_size(a) < 1)
        goto shape;
    in = json_array_get(a, 0);
    if (!json_is_null(in) && !json_is_object(in))
        goto notmaps;
    if (json_array_size(a) < 2)
        goto shape;
    repl = json_array_get(a, 1);
    if (!json_is_null(repl) && !json_is_object(repl))
        goto notmaps;
    if (json_array_size(a) > 2)
        goto shape;
    json_object_foreach(repl, k, x)
    {
        if (strcmp(k, "keys") != 0 && strcmp(k, "values") != 0) {
            rc = hh_fn_error(err, VE, "Incorrect arguments to \"%s\" should be: %s", fname, ex);
            goto done;
        }
    }
    rk = json_object_get(repl, "keys");
    rv = json_object_get(repl, "values");
    if ((rk && !json_is_null(rk) && !json_is_object(rk)) ||
        (rv && !json_is_null(rv) && !json_is_object(rv)))
        goto notmaps;
    res = json_object();
    if (!res) {
        rc = ENOMEM;
        goto done;
    }
    json_object_foreach(in, k, x)
    {
        json_t *nk = json_object_get(rk, k), *nv = NULL;
        hh_pybuf kb = {0};
        const char *key = k;

        if (nk && !json_is_null(nk)) {
            hh_py_str_to(&kb, nk);
            key = kb.s ? kb.s : "";
            if (json_object_get(in, key) && strcmp(key, k) != 0) {
                rc = hh_fn_error(err, VE, "key replacement %s collides with a key in the input map",
                                 key);
            } else if (json_object_get(res, key)) {
                rc = hh_fn_error(err, VE,
                                 "key replacement %s collides with a key in the output map", key);
            }
        }
        if (!rc) {
            nv = json_is_string(x) ? json_object_get(rv, json_string_value(x)) : NULL;
            if (json_object_set(res, key, nv ? nv : x))
                rc = ENOMEM;
        }
        hh_pybuf_free(&kb);
        if (rc)
            goto done;
    }
    *out = res;
    res = NULL;
    goto done;
notmaps:
    rc = hh_fn_error(err, TE,
                     "Incorrect arguments: to \"%s\", arguments must be a list of maps. Example:  "
                     "%s",
                     fname, ex);
    goto done;
shape:
    rc = hh_fn_error(err, TE, "Incorrect arguments to \"%s\" should be: %s", fname, ex);
done:
    json_decref(res);
    json_decref(a);
    return rc;
}

/* ---- conditions and lists ---------------------------------------------- */

static int bool_fold(const hh_fwalk *w, const hh_func_def *def, json_t *args, bool is_and,
                     json_t **out, hh_error *err)
{
    json_t *a = NULL, *x;
    size_t i;
    bool acc = is_and;
    int rc = hh_fn_get(w, args, &a, err);

    if (rc)
        return rc;
    json_array_foreach(a, i, x)
    {
        bool v = false;

        rc = hh_fn_condition_value(w, x, &v, err);
        if (rc)
            goto done;
        if (v != is_and) {
            acc = v;
            break;
        }
    }
    *out = json_boolean(acc);
done:
    json_decref(a);
    return rc;
}

int hh_fn_not_result(const hh_fwalk *w, json_t *cond, json_t **out, hh_error *err)
{
    json_t *c = NULL;
    bool v = false;
    int rc = hh_fn_get(w, cond, &c, err);

    if (!rc)
        rc = hh_fn_condition_value(w, c, &v, err);
    if (!rc)
        *out = json_boolean(!v);
    json_decref(c);
    return rc;
}

static int equals_result(const hh_fwalk *w, json_t *args, json_t **out, hh_error *err)
{
    json_t *a = NULL, *b = NULL;
    int rc = hh_fn_get(w, json_array_get(args, 0), &a, err);

    if (!rc)
        rc = hh_fn_get(w, json_array_get(args, 1), &b, err);
    if (!rc)
        *out = json_boolean(hh_py_eq(a, b));
    json_decref(a);
    json_decref(b);
    return rc;
}

static bool list_has(const json_t *list, const json_t *v)
{
    size_t i;
    json_t *x;

    json_array_foreach(list, i, x) if (hh_py_eq(x, v)) return true;
    return false;
}

static int filter_result(const hh_fwalk *w, const char *fname, json_t *args, json_t **out,
                         hh_error *err)
{
    json_t *seq = NULL, *vals = NULL, *res = NULL, *x;
    size_t i;
    int rc = hh_fn_get(w, json_array_get(args, 1), &seq, err);

    if (rc)
        goto done;
    if (!hh_py_truthy(seq))
        goto as_is;
    if (!json_is_array(seq)) {
        rc = hh_fn_error(err, TE, "\"%s\" only works with lists", fname);
        goto done;
    }
    rc = hh_fn_get(w, json_array_get(args, 0), &vals, err);
    if (rc)
        goto done;
    if (!hh_py_truthy(vals))
        goto as_is;
    if (!json_is_array(vals)) {
        /* Heat formats this message with a string where it expects a
         * mapping, so Python reports the formatting failure. */
        rc = hh_fn_error(err, TE, "format requires a mapping");
        goto done;
    }
    res = json_array();
    if (!res) {
        rc = ENOMEM;
        goto done;
    }
    json_array_foreach(seq, i, x) if (!list_has(vals, x) && json_array_append(res, x))
    {
        rc = ENOMEM;
        goto done;
    }
    *out = res;
    res = NULL;
    goto done;
as_is:
    *out = json_incref(seq);
done:
    json_decref(res);
    json_decref(seq);
    json_decref(vals);
    return rc;
}

static int list_concat_result(const hh_fwalk *w, const char *fname, json_t *args, bool unique,
                              json_t **out, hh_error *err)
{
    json_t *a = NULL, *res = json_array(), *x;
    size_t i;
    int rc = hh_fn_get(w, args, &a, err);

    if (!res)
        rc = rc ? rc : ENOMEM;
    if (rc)
        goto done;
    if (!json_is_array(a)) {
        rc = hh_fn_error(err, TE,
                         "Incorrect arguments to \"%s\" should be: \"%s\" : [ [ <value 1>, "
                         "<value 2> ], [ <value 3>, <value 4> ] ]",
                         fname, fname);
        goto done;
    }
    json_array_foreach(a, i, x)
    {
        size_t j;
        json_t *y;

        if (json_is_null(x))
            continue;
        if (!json_is_array(x)) {
            hh_pybuf ab = {0}, ib = {0};

            hh_py_dumps_to(&ab, a, false);
            hh_py_dumps_to(&ib, x, false);
            rc = hh_fn_error(err, TE,
                             "Incorrect arguments: Items to concat must be lists. %s contains an "
                             "item that is not a list: %s",
                             ab.s ? ab.s : "", ib.s ? ib.s : "");
            hh_pybuf_free(&ab);
            hh_pybuf_free(&ib);
            goto done;
        }
        json_array_foreach(x, j, y)
        {
            if (unique && list_has(res, y))
                continue;
            if (json_array_append(res, y)) {
                rc = ENOMEM;
                goto done;
            }
        }
    }
    *out = res;
    res = NULL;
done:
    json_decref(res);
    json_decref(a);
    return rc;
}

static int contains_result(const hh_fwalk *w, const char *fname, json_t *args, json_t **out,
                           hh_error *err)
{
    json_t *v = NULL, *seq = NULL;
    int rc = hh_fn_get(w, json_array_get(args, 0), &v, err);

    if (!rc)
        rc = hh_fn_get(w, json_array_get(args, 1), &seq, err);
    if (rc)
        goto done;
    if (json_is_array(seq)) {
        *out = json_boolean(list_has(seq, v));
    } else if (json_is_string(seq)) {
        if (!json_is_string(v)) {
            rc = hh_fn_error(err, TE, "'in <string>' requires string as left operand, not %s",
                             hh_py_type_name(v));
            goto done;
        }
        *out = json_boolean(strstr(json_string_value(seq), json_string_value(v)) != NULL);
    } else {
        rc = hh_fn_error(err, TE, "Second argument to \"%s\" should be a sequence.", fname);
    }
done:
    json_decref(v);
    json_decref(seq);
    return rc;
}

/* ---- make_url ---------------------------------------------------------- */

static const char *const url_keys[] = {"scheme", "username", "password", "host",
                                       "port",   "path",     "query",    "fragment"};

/* MakeURL._check_args; raw (validate) lets calls stand for any value.
 * Heat returns from the loop at "query", so "fragment" goes unchecked. */
static int url_check(const hh_fwalk *w, const char *fname, json_t *args, bool raw, hh_error *err)
{
    for (size_t i = 0; i < sizeof(url_keys) / sizeof(url_keys[0]); i++) {
        json_t *v = json_object_get(args, url_keys[i]);

        if (!v)
            continue;
        if (raw && isfn(w, v)) {
            if (strcmp(url_keys[i], "query") == 0)
                return 0;
            continue;
        }
        if (strcmp(url_keys[i], "query") == 0) {
            if (!json_is_object(v))
                return hh_fn_error(err, TE, "The \"%s\" argument to \"%s\" must be a map",
                                   url_keys[i], fname);
            return 0;
        }
        if (strcmp(url_keys[i], "port") == 0) {
            json_int_t port = 0;
            int rc = hh_fn_pyint(v, &port, err);

            if (rc && err && err->type && strcmp(err->type, VE) == 0) {
                hh_pybuf pb = {0}, ab = {0};

                hh_py_str_to(&pb, v);
                hh_py_repr_to(&ab, args);
                rc = hh_fn_error(err, VE, "Invalid URL port \"%s\" for %s called with %s",
                                 pb.s ? pb.s : "", fname, ab.s ? ab.s : "");
                hh_pybuf_free(&pb);
                hh_pybuf_free(&ab);
            }
            if (rc)
                return rc;
            if (!(0 < port && port <= 65535))
                return hh_fn_error(
                    err, VE, "Invalid URL port %" JSON_INTEGER_FORMAT ", must be in range 1-65535",
                    port);
            continue;
        }
        if (!json_is_string(v))
            return hh_fn_error(err, TE, "The \"%s\" argument to \"%s\" must be a string",
                               url_keys[i], fname);
    }
    return 0;
}

/* urllib.parse.quote: unreserved characters and those in safe stay,
 * everything else is %XX of its UTF-8 bytes. */
static void url_quote(hh_pybuf *b, const char *s, size_t n, const char *safe, bool plus)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (isalnum(c) || c == '_' || c == '.' || c == '-' || c == '~' ||
            (c && c < 0x80 && strchr(safe, c)))
            hh_pybuf_add(b, (const char *)&s[i], 1);
        else if (plus && c == ' ')
            hh_pybuf_adds(b, "+");
        else
            hh_pybuf_addf(b, "%%%02X", c);
    }
}

static const char *jstr(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));

    return s ? s : "";
}

static bool scheme_uses_netloc(const char *s)
{
    static const char *const l[] = {
        "",        "ftp",   "http",  "gopher", "nntp",     "telnet", "imap",  "wais",  "file",
        "mms",     "https", "shttp", "snews",  "prospero", "rtsp",   "rtspu", "rsync", "svn",
        "svn+ssh", "sftp",  "nfs",   "git",    "git+ssh",  "ws",     "wss"};

    for (size_t i = 0; i < sizeof(l) / sizeof(l[0]); i++)
        if (strcmp(l[i], s) == 0)
            return true;
    return false;
}

static int make_url_result(const hh_fwalk *w, const char *fname, json_t *args, json_t **out,
                           hh_error *err)
{
    json_t *a = NULL, *port = NULL, *query = NULL;
    hh_pybuf net = {0}, path = {0}, q = {0}, frag = {0}, url = {0}, tmp = {0};
    const char *scheme, *host;
    size_t hl;
    int rc = hh_fn_get(w, args, &a, err);

    if (rc)
        goto done;
    if (!json_is_object(a)) {
        rc = hh_fn_error(err, TE, "The arguments to \"%s\" must be a map", fname);
        goto done;
    }
    rc = url_check(w, fname, a, false, err);
    if (rc)
        goto done;
    scheme = jstr(a, "scheme");
    if (strchr(scheme, ':')) {
        rc = hh_fn_error(err, VE, "URL \"scheme\" should not contain ':'");
        goto done;
    }
    {
        const char *user = jstr(a, "username"), *pass = jstr(a, "password");

        url_quote(&net, user, strlen(user), "", false);
        if (*user || *pass) {
            if (*pass) {
                hh_pybuf_adds(&net, ":");
                url_quote(&net, pass, strlen(pass), "", false);
            }
            hh_pybuf_adds(&net, "@");
        }
    }
    host = jstr(a, "host");
    hl = strlen(host);
    if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']') {
        host++;
        hl -= 2;
    }
    url_quote(&tmp, host, hl, ":", false);
    if (tmp.s && strchr(tmp.s, ':')) {
        hh_pybuf_adds(&net, "[");
        hh_pybuf_add(&net, tmp.s, tmp.len);
        hh_pybuf_adds(&net, "]");
    } else if (tmp.s) {
        hh_pybuf_add(&net, tmp.s, tmp.len);
    }
    port = json_object_get(a, "port");
    if (port && hh_py_truthy(port)) {
        hh_pybuf_adds(&net, ":");
        hh_py_str_to(&net, port);
    }
    {
        const char *p = jstr(a, "path"), *f = jstr(a, "fragment");

        url_quote(&path, p, strlen(p), "/", false);
        url_quote(&frag, f, strlen(f), "/", false);
    }
    query = json_object_get(a, "query");
    if (json_is_object(query)) {
        const char *k;
        json_t *v;
        bool first = true;

        json_object_foreach(query, k, v)
        {
            hh_pybuf vs = {0};

            if (!first)
                hh_pybuf_adds(&q, "&");
            first = false;
            url_quote(&q, k, strlen(k), "/", true);
            hh_pybuf_adds(&q, "=");
            hh_py_str_to(&vs, v);
            url_quote(&q, vs.s ? vs.s : "", vs.len, "/", true);
            hh_pybuf_free(&vs);
        }
    }
    /* urlunsplit */
    {
        const char *ps = path.s ? path.s : "";

        if (net.len || (*scheme && scheme_uses_netloc(scheme) && strncmp(ps, "//", 2) != 0)) {
            hh_pybuf_adds(&url, "//");
            hh_pybuf_add(&url, net.s ? net.s : "", net.len);
            if (*ps && *ps != '/')
                hh_pybuf_adds(&url, "/");
        }
        hh_pybuf_adds(&url, ps);
        if (*scheme) {
            hh_pybuf full = {0};

            hh_pybuf_adds(&full, scheme);
            hh_pybuf_adds(&full, ":");
            hh_pybuf_add(&full, url.s ? url.s : "", url.len);
            hh_pybuf_free(&url);
            url = full;
        }
        if (q.len) {
            hh_pybuf_adds(&url, "?");
            hh_pybuf_add(&url, q.s, q.len);
        }
        if (frag.len) {
            hh_pybuf_adds(&url, "#");
            hh_pybuf_add(&url, frag.s, frag.len);
        }
    }
    rc = set_out_string(&url, out, err);
done:
    hh_pybuf_free(&net);
    hh_pybuf_free(&path);
    hh_pybuf_free(&q);
    hh_pybuf_free(&frag);
    hh_pybuf_free(&url);
    hh_pybuf_free(&tmp);
    json_decref(a);
    return rc;
}

/* ---- resource_facade, get_file, yaql ----------------------------------- */

int hh_fn_facade_result(const hh_fwalk *w, const char *fname, json_t *args, bool cfn, json_t **out,
                        hh_error *err)
{
    static const char *const hot[] = {"metadata", "deletion_policy", "update_policy"};
    static const char *const cfnk[] = {"Metadata", "DeletionPolicy", "UpdatePolicy"};
    static const char *const missing[] = {"metadata_get", "t", "t"};
    json_t *a = NULL;
    int rc = hh_fn_get(w, args, &a, err), which = -1;

    if (rc)
        goto done;
    for (int i = 0; i < 3; i++)
        if (json_is_string(a) && strcmp(json_string_value(a), cfn ? cfnk[i] : hot[i]) == 0)
            which = i;
    if (which < 0) {
        *out = json_null();
        goto done;
    }
    rc = HH_ENOTFOUND;
    if (w->ctx && w->ctx->ops && w->ctx->ops->resource_facade)
        rc = w->ctx->ops->resource_facade(w->ctx->ud, hot[which], out, err);
    if (rc == HH_ENOTFOUND)
        rc = hh_fn_error(err, "AttributeError", "'NoneType' object has no attribute '%s'",
                         missing[which]);
done:
    json_decref(a);
    return rc;
}

static int get_file_result(const hh_fwalk *w, const char *fname, json_t *args, json_t **out,
                           hh_error *err)
{
    json_t *a = NULL;
    int rc = hh_fn_get(w, args, &a, err);

    if (rc)
        goto done;
    if (!json_is_string(a)) {
        rc = hh_fn_error(err, TE, "Argument to \"%s\" must be a string", fname);
        goto done;
    }
    rc = HH_ENOTFOUND;
    if (w->ctx && w->ctx->ops && w->ctx->ops->get_file)
        rc = w->ctx->ops->get_file(w->ctx->ud, json_string_value(a), out, err);
    if (rc == HH_ENOTFOUND)
        rc = hh_fn_error(err, VE, "No content found in the \"files\" section for %s path: %s",
                         fname, json_string_value(a));
done:
    json_decref(a);
    return rc;
}

/* ---- yaql (a subset) --------------------------------------------------- */

/* A Pratt parser and evaluator for the part of yaql 1.x templates use:
 * literals (numbers, quoted strings, true/false/null, [lists]), $ (the
 * context: {"data": <data>} at the top, the item inside select/where),
 * .name, [index], method and function calls, the operators of
 * yaql's standard table with its precedence (or < and < not < comparisons
 * and in < + - < * / mod < unary + - < [] < .), and the methods in
 * yq_methods. Parse errors are yaql's own words; anything outside the
 * subset is refused by name at validate time. */

typedef enum { YT_END, YT_NUM, YT_STR, YT_ID, YT_VAR, YT_OP } yq_ttype;

typedef struct yq_tok {
    yq_ttype t;
    size_t pos;  /* code point index in the expression */
    char *text;  /* operator, identifier, $name, number text, string value */
    json_t *num; /* YT_NUM */
} yq_tok;

typedef enum {
    YN_CONST,
    YN_ROOT,
    YN_VAR,
    YN_LIST,
    YN_ATTR,
    YN_DOTEXPR,
    YN_INDEX,
    YN_CALL,
    YN_METHOD,
    YN_BIN,
    YN_UNARY,
    YN_MAP
} yq_nkind;

typedef struct yq_node {
    yq_nkind kind;
    json_t *value;
    char *name; /* attribute, function, operator, variable */
    struct yq_node *a, *b;
    struct yq_node **args;
    size_t nargs;
} yq_node;

typedef struct yq_parser {
    const char *expr;
    yq_tok *toks;
    size_t ntoks, at;
    int depth;
    hh_error *err;
} yq_parser;

#define YQ_MAX_DEPTH 100

static void yq_free(yq_node *n)
{
    if (!n)
        return;
    json_decref(n->value);
    free(n->name);
    yq_free(n->a);
    yq_free(n->b);
    for (size_t i = 0; i < n->nargs; i++)
        yq_free(n->args[i]);
    free(n->args);
    free(n);
}

static void yq_free_toks(yq_tok *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(t[i].text);
        json_decref(t[i].num);
    }
    free(t);
}

static int yq_syntax(yq_parser *p, const yq_tok *t)
{
    if (t->t == YT_END)
        return hh_fn_error(p->err, "YaqlGrammarException",
                           "Parse error: unexpected end of statement");
    return hh_fn_error(p->err, "YaqlGrammarException",
                       "Parse error: unexpected '%s' at position %zu of expression '%s'", t->text,
                       t->pos, p->expr);
}

/* Tokens of yaql's lexer that the subset knows; the rest are lexical
 * errors as yaql reports them. */
static int yq_lex(const char *s, yq_tok **out, size_t *nout, hh_error *err)
{
    static const char *const ops[] = {"?.", "=~", "!~", "!=", ">=", "<=", "->", "=>",
                                      ".",  "[",  "]",  "(",  ")",  ",",  "+",  "-",
                                      "*",  "/",  "=",  ">",  "<",  "{",  "}",  ":"};
    size_t cap = 16, n = 0, i = 0, cp = 0, len = strlen(s);
    yq_tok *t = calloc(cap, sizeof(*t));
    int rc = 0;

    if (!t)
        return ENOMEM;
    while (1) {
        yq_tok tok = {0};
        size_t st;

        while (i < len && isspace((unsigned char)s[i])) {
            i++;
            cp++;
        }
        if (n + 1 >= cap) {
            yq_tok *nt = realloc(t, 2 * cap * sizeof(*t));

            if (!nt) {
                rc = ENOMEM;
                goto done;
            }
            memset(nt + cap, 0, cap * sizeof(*t));
            t = nt;
            cap *= 2;
        }
        tok.pos = cp;
        if (i >= len) {
            tok.t = YT_END;
            tok.text = strdup("");
            t[n++] = tok;
            break;
        }
        st = i;
        if (isdigit((unsigned char)s[i])) {
            bool real = false;

            while (i < len && isdigit((unsigned char)s[i]))
                i++;
            if (i + 1 < len && s[i] == '.' && isdigit((unsigned char)s[i + 1])) {
                real = true;
                i++;
                while (i < len && isdigit((unsigned char)s[i]))
                    i++;
            }
            tok.t = YT_NUM;
            tok.text = strndup(s + st, i - st);
            tok.num = real ? json_real(strtod(tok.text ? tok.text : "0", NULL))
                           : json_integer(strtoll(tok.text ? tok.text : "0", NULL, 10));
        } else if (s[i] == '\'' || s[i] == '"') {
            char q = s[i++];
            hh_pybuf b = {0};

            while (i < len && s[i] != q) {
                if (s[i] == '\\' && i + 1 < len) {
                    char c = s[++i];

                    c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
                    hh_pybuf_add(&b, &c, 1);
                    i++;
                } else {
                    hh_pybuf_add(&b, s + i++, 1);
                }
            }
            if (i >= len) {
                hh_pybuf_free(&b);
                rc = hh_fn_error(err, "YaqlLexicalException",
                                 "Lexical error: illegal character '%c' at position %zu", q,
                                 tok.pos);
                goto done;
            }
            i++;
            tok.t = YT_STR;
            tok.text = b.s ? b.s : strdup("");
        } else if (s[i] == '$' || isalpha((unsigned char)s[i]) || s[i] == '_') {
            if (s[i] == '$')
                i++;
            while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '_'))
                i++;
            tok.t = s[st] == '$' ? YT_VAR : YT_ID;
            tok.text = strndup(s + st, i - st);
        } else {
            size_t k;

            for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
                if (strncmp(s + i, ops[k], strlen(ops[k])) == 0)
                    break;
            if (k == sizeof(ops) / sizeof(ops[0])) {
                const unsigned char *c = (const unsigned char *)s + i;
                size_t cl = *c >= 0xf0 ? 4 : *c >= 0xe0 ? 3 : *c >= 0xc0 ? 2 : 1;

                rc = hh_fn_error(err, "YaqlLexicalException",
                                 "Lexical error: illegal character '%.*s' at position %zu", (int)cl,
                                 s + i, tok.pos);
                goto done;
            }
            i += strlen(ops[k]);
            tok.t = YT_OP;
            tok.text = strdup(ops[k]);
        }
        if (!tok.text || (tok.t == YT_NUM && !tok.num)) {
            free(tok.text);
            json_decref(tok.num);
            rc = ENOMEM;
            goto done;
        }
        cp += hh_utf8_nlen(s + st, i - st);
        t[n++] = tok;
    }
done:
    if (rc) {
        yq_free_toks(t, n);
        return rc;
    }
    *out = t;
    *nout = n;
    return 0;
}

static yq_tok *yq_peek(yq_parser *p)
{
    return &p->toks[p->at];
}

static bool yq_is(const yq_tok *t, yq_ttype type, const char *text)
{
    return t->t == type && (!text || strcmp(t->text, text) == 0);
}

static bool yq_is_word(const yq_tok *t, const char *w)
{
    return t->t == YT_ID && strcmp(t->text, w) == 0;
}

static yq_node *yq_new(yq_nkind kind)
{
    yq_node *n = calloc(1, sizeof(*n));

    if (n)
        n->kind = kind;
    return n;
}

/* Binding power of t as an infix operator (0: not one). */
static int yq_lbp(const yq_tok *t)
{
    static const struct {
        const char *op;
        int bp;
    } table[] = {{"or", 10}, {"and", 20}, {"=", 40}, {"!=", 40}, {"<", 40},  {">", 40}, {"<=", 40},
                 {">=", 40}, {"in", 40},  {"+", 50}, {"-", 50},  {"*", 60},  {"/", 60}, {"mod", 60},
                 {"=~", 70}, {"!~", 70},  {"[", 90}, {".", 100}, {"?.", 100}};

    if (t->t != YT_OP && t->t != YT_ID)
        return 0;
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        if (strcmp(table[i].op, t->text) == 0 &&
            (t->t == YT_OP) == !(isalpha((unsigned char)table[i].op[0])))
            return table[i].bp;
    return 0;
}

static int yq_expr(yq_parser *p, int rbp, yq_node **out);

/* "(" args ")" after a name; *n gets args. */
static int yq_args(yq_parser *p, yq_node *n)
{
    int rc = 0;

    p->at++; /* ( */
    if (yq_is(yq_peek(p), YT_OP, ")")) {
        p->at++;
        return 0;
    }
    while (1) {
        yq_node *arg = NULL, **na = NULL;

        rc = yq_expr(p, 0, &arg);
        if (rc)
            return rc;
        na = realloc(n->args, (n->nargs + 1) * sizeof(*na));
        if (!na) {
            yq_free(arg);
            return ENOMEM;
        }
        n->args = na;
        n->args[n->nargs++] = arg;
        if (yq_is(yq_peek(p), YT_OP, ",")) {
            p->at++;
            continue;
        }
        if (yq_is(yq_peek(p), YT_OP, ")")) {
            p->at++;
            return 0;
        }
        return yq_syntax(p, yq_peek(p));
    }
}

static int yq_nud(yq_parser *p, yq_node **out)
{
    yq_tok *t = yq_peek(p);
    yq_node *n = NULL;
    int rc = 0;

    if (t->t == YT_END)
        return yq_syntax(p, t);
    n = yq_new(YN_CONST);
    if (!n)
        return ENOMEM;
    p->at++;
    if (t->t == YT_NUM) {
        n->kind = YN_CONST;
        n->value = json_incref(t->num);
    } else if (t->t == YT_STR) {
        n->kind = YN_CONST;
        n->value = json_string(t->text);
    } else if (t->t == YT_VAR) {
        n->kind = strcmp(t->text, "$") == 0 ? YN_ROOT : YN_VAR;
        n->name = strdup(t->text);
    } else if (yq_is_word(t, "true") || yq_is_word(t, "false")) {
        n->value = json_boolean(t->text[0] == 't');
    } else if (yq_is_word(t, "null")) {
        n->value = json_null();
    } else if (yq_is_word(t, "not")) {
        n->kind = YN_UNARY;
        n->name = strdup("not");
        rc = yq_expr(p, 30, &n->a);
    } else if (t->t == YT_ID) {
        n->name = strdup(t->text);
        if (yq_is(yq_peek(p), YT_OP, "(")) {
            n->kind = YN_CALL;
            rc = yq_args(p, n);
        } else {
            /* a bare word is a keyword string */
            n->value = json_string(t->text);
        }
    } else if (yq_is(t, YT_OP, "(")) {
        yq_free(n);
        n = NULL;
        rc = yq_expr(p, 0, &n);
        if (!rc && !yq_is(yq_peek(p), YT_OP, ")"))
            rc = yq_syntax(p, yq_peek(p));
        if (!rc)
            p->at++;
    } else if (yq_is(t, YT_OP, "{")) {
        rc = hh_error_set(p->err, HH_EUNSUPPORTED, "StackValidationFailed",
                          "yaql dictionary literals are not supported by heat-ha");
    } else if (yq_is(t, YT_OP, "[")) {
        const char *close = "]";

        n->kind = YN_LIST;
        p->at--;
        if (yq_is(&p->toks[p->at + 1], YT_OP, close)) {
            p->at += 2;
        } else {
            /* reuse the argument reader with the closing bracket */
            p->at++;
            while (!rc) {
                yq_node *item = NULL, **na = NULL;

                rc = yq_expr(p, 0, &item);
                if (rc)
                    break;
                na = realloc(n->args, (n->nargs + 1) * sizeof(*na));
                if (!na) {
                    yq_free(item);
                    rc = ENOMEM;
                    break;
                }
                n->args = na;
                n->args[n->nargs++] = item;
                if (yq_is(yq_peek(p), YT_OP, ",")) {
                    p->at++;
                } else if (yq_is(yq_peek(p), YT_OP, close)) {
                    p->at++;
                    break;
                } else {
                    rc = yq_syntax(p, yq_peek(p));
                }
            }
        }
    } else if (yq_is(t, YT_OP, "-") || yq_is(t, YT_OP, "+")) {
        n->kind = YN_UNARY;
        n->name = strdup(t->text);
        rc = yq_expr(p, 80, &n->a);
    } else {
        rc = yq_syntax(p, t);
    }
    if (!rc && n->kind == YN_CONST && !n->value)
        rc = ENOMEM;
    if (!rc &&
        (n->kind == YN_ROOT || n->kind == YN_VAR || n->kind == YN_UNARY || n->kind == YN_CALL) &&
        !n->name)
        rc = ENOMEM;
    if (rc) {
        yq_free(n);
        return rc;
    }
    *out = n;
    return 0;
}

static int yq_led(yq_parser *p, yq_node *left, yq_node **out)
{
    yq_tok *t = yq_peek(p);
    yq_node *n = yq_new(YN_BIN);
    int rc = 0;

    if (!n) {
        yq_free(left);
        return ENOMEM;
    }
    n->a = left;
    p->at++;
    if (yq_is(t, YT_OP, ".") || yq_is(t, YT_OP, "?.")) {
        yq_tok *r = yq_peek(p);

        n->name = strdup(t->text);
        if (r->t == YT_ID) {
            p->at++;
            free(n->name);
            n->name = strdup(r->text);
            n->value = json_boolean(t->text[0] == '?');
            if (yq_is(yq_peek(p), YT_OP, "(")) {
                n->kind = YN_METHOD;
                rc = yq_args(p, n);
            } else {
                n->kind = YN_ATTR;
            }
        } else if (yq_is(r, YT_OP, "(")) {
            n->kind = YN_DOTEXPR;
            p->at++;
            rc = yq_expr(p, 0, &n->b);
            if (!rc && !yq_is(yq_peek(p), YT_OP, ")"))
                rc = yq_syntax(p, yq_peek(p));
            if (!rc)
                p->at++;
        } else {
            rc = yq_syntax(p, r);
        }
    } else if (yq_is(t, YT_OP, "[")) {
        n->kind = YN_INDEX;
        rc = yq_expr(p, 0, &n->b);
        if (!rc && !yq_is(yq_peek(p), YT_OP, "]"))
            rc = yq_syntax(p, yq_peek(p));
        if (!rc)
            p->at++;
    } else {
        n->kind = YN_BIN;
        n->name = strdup(t->text);
        rc = yq_expr(p, yq_lbp(t), &n->b);
    }
    if (!rc && !n->name && n->kind != YN_INDEX && n->kind != YN_DOTEXPR)
        rc = ENOMEM;
    if (rc) {
        yq_free(n);
        return rc;
    }
    *out = n;
    return 0;
}

static int yq_expr(yq_parser *p, int rbp, yq_node **out)
{
    yq_node *left = NULL;
    int rc = 0;

    if (++p->depth > YQ_MAX_DEPTH) {
        p->depth--;
        return hh_error_set(p->err, HH_ELIMIT, "StackValidationFailed",
                            "yaql expression nested deeper than %d levels", YQ_MAX_DEPTH);
    }
    rc = yq_nud(p, &left);
    while (!rc && rbp < yq_lbp(yq_peek(p)))
        rc = yq_led(p, left, &left);
    p->depth--;
    if (rc)
        return rc;
    *out = left;
    return 0;
}

/* Parse a whole expression; errors are YaqlGrammarException or
 * YaqlLexicalException with yaql's message. */
static int yq_parse(const char *expr, yq_node **out, hh_error *err)
{
    yq_parser p = {.expr = expr, .err = err};
    int rc = yq_lex(expr, &p.toks, &p.ntoks, err);

    *out = NULL;
    if (rc)
        return rc;
    rc = yq_expr(&p, 0, out);
    if (!rc && yq_peek(&p)->t != YT_END) {
        rc = yq_syntax(&p, yq_peek(&p));
        yq_free(*out);
        *out = NULL;
    }
    yq_free_toks(p.toks, p.ntoks);
    return rc;
}

/* Methods and functions of the subset: name, arguments beyond the
 * receiver (min, max; -1 any), whether the first argument is a lambda. */
static const struct {
    const char *name;
    int min, max;
    bool lambda;
} yq_methods[] = {
    {"len", 0, 0, false},      {"count", 0, 0, false},   {"sum", 0, 0, false},
    {"max", 0, -1, false},     {"min", 0, -1, false},    {"select", 1, 1, true},
    {"where", 1, 1, true},     {"first", 0, 1, false},   {"last", 0, 1, false},
    {"distinct", 0, 0, false}, {"flatten", 0, 0, false}, {"keys", 0, 0, false},
    {"values", 0, 0, false},   {"join", 1, 1, false},    {"toUpper", 0, 0, false},
    {"toLower", 0, 0, false},  {"str", 0, 0, false},     {"int", 0, 0, false},
    {"contains", 1, 1, false}, {"any", 0, 0, false},     {"all", 0, 0, false},
};

static int yq_check(const yq_node *n, hh_error *err)
{
    int rc = 0;

    if (!n)
        return 0;
    if (n->kind == YN_VAR)
        return hh_error_set(err, HH_EUNSUPPORTED, "StackValidationFailed",
                            "The yaql variable %s is not supported by heat-ha", n->name);
    if (n->kind == YN_MAP)
        return hh_error_set(err, HH_EUNSUPPORTED, "StackValidationFailed",
                            "yaql dictionary literals are not supported by heat-ha");
    if (n->kind == YN_BIN && (strcmp(n->name, "=~") == 0 || strcmp(n->name, "!~") == 0))
        return hh_error_set(err, HH_EUNSUPPORTED, "StackValidationFailed",
                            "The yaql operator %s is not supported by heat-ha", n->name);
    if (n->kind == YN_CALL || n->kind == YN_METHOD) {
        size_t i, nargs = n->nargs + (n->kind == YN_CALL ? 0 : 1);

        for (i = 0; i < sizeof(yq_methods) / sizeof(yq_methods[0]); i++)
            if (strcmp(yq_methods[i].name, n->name) == 0)
                break;
        if (i == sizeof(yq_methods) / sizeof(yq_methods[0]))
            return hh_error_set(err, HH_EUNSUPPORTED, "StackValidationFailed",
                                "The yaql method \"%s\" is not supported by heat-ha", n->name);
        if (nargs < 1 || (int)nargs - 1 < yq_methods[i].min ||
            (yq_methods[i].max >= 0 && (int)nargs - 1 > yq_methods[i].max))
            return hh_error_set(err, HH_EUNSUPPORTED, "StackValidationFailed",
                                "The yaql method \"%s\" with %zu arguments is not supported by "
                                "heat-ha",
                                n->name, nargs);
    }
    rc = yq_check(n->a, err);
    if (!rc)
        rc = yq_check(n->b, err);
    for (size_t i = 0; !rc && i < n->nargs; i++)
        rc = yq_check(n->args[i], err);
    return rc;
}

static int yq_eval(const yq_node *n, json_t *self, int depth, json_t **out, hh_error *err);

static int yq_nomatch(const char *fn, hh_error *err)
{
    return hh_fn_error(err, "NoMatchingFunctionException",
                       "No function \"%s\" matches supplied arguments", fn);
}

static bool yq_num(const json_t *j)
{
    return json_is_integer(j) || json_is_real(j) || json_is_boolean(j);
}

static double yq_d(const json_t *j)
{
    return json_is_real(j)      ? json_real_value(j)
           : json_is_integer(j) ? (double)json_integer_value(j)
                                : (double)json_is_true(j);
}

static bool yq_int(const json_t *j)
{
    return json_is_integer(j) || json_is_boolean(j);
}

static json_int_t yq_i(const json_t *j)
{
    return json_is_integer(j) ? json_integer_value(j) : json_is_true(j);
}

static int yq_arith(const char *op, json_t *l, json_t *r, json_t **out, hh_error *err)
{
    char fn[32];

    snprintf(fn, sizeof(fn), "#operator_%s", op);
    if (strcmp(op, "+") == 0 && json_is_string(l) && json_is_string(r)) {
        hh_pybuf b = {0};

        int rc;

        hh_pybuf_add(&b, json_string_value(l), json_string_length(l));
        hh_pybuf_add(&b, json_string_value(r), json_string_length(r));
        rc = set_out_string(&b, out, err);
        hh_pybuf_free(&b);
        return rc;
    }
    if (strcmp(op, "+") == 0 && json_is_array(l) && json_is_array(r)) {
        *out = json_copy(l);
        if (!*out || json_array_extend(*out, r))
            return ENOMEM;
        return 0;
    }
    if (!yq_num(l) || !yq_num(r))
        return yq_nomatch(fn, err);
    if (yq_int(l) && yq_int(r)) {
        json_int_t a = yq_i(l), b = yq_i(r), v = 0;

        if (strcmp(op, "+") == 0) {
            if (__builtin_add_overflow(a, b, &v))
                return hh_fn_error(err, "OverflowError", "integer overflow");
        } else if (strcmp(op, "-") == 0) {
            if (__builtin_sub_overflow(a, b, &v))
                return hh_fn_error(err, "OverflowError", "integer overflow");
        } else if (strcmp(op, "*") == 0) {
            if (__builtin_mul_overflow(a, b, &v))
                return hh_fn_error(err, "OverflowError", "integer overflow");
        } else {
            /* / and mod: Python's floor division and modulo */
            if (b == 0)
                return hh_fn_error(err, "ZeroDivisionError",
                                   strcmp(op, "/") == 0 ? "integer division or modulo by zero"
                                                        : "integer modulo by zero");
            if (a == INT64_MIN && b == -1)
                return hh_fn_error(err, "OverflowError", "integer overflow");
            v = strcmp(op, "/") == 0 ? a / b - ((a % b != 0) && ((a < 0) != (b < 0)))
                                     : ((a % b) + b) % b;
        }
        *out = json_integer(v);
    } else {
        double a = yq_d(l), b = yq_d(r), v = 0;

        if (strcmp(op, "+") == 0)
            v = a + b;
        else if (strcmp(op, "-") == 0)
            v = a - b;
        else if (strcmp(op, "*") == 0)
            v = a * b;
        else if (b == 0)
            return hh_fn_error(err, "ZeroDivisionError",
                               strcmp(op, "/") == 0 ? "float division by zero" : "float modulo");
        else if (strcmp(op, "/") == 0)
            v = a / b;
        else
            v = a - b * floor(a / b);
        *out = json_real(v);
    }
    return *out ? 0 : ENOMEM;
}

static int yq_compare(const char *op, json_t *l, json_t *r, json_t **out, hh_error *err)
{
    int c = 0;

    if (strcmp(op, "=") == 0 || strcmp(op, "!=") == 0) {
        bool eq = hh_py_eq(l, r);

        *out = json_boolean(op[0] == '=' ? eq : !eq);
        return 0;
    }
    if (yq_num(l) && yq_num(r)) {
        double a = yq_d(l), b = yq_d(r);

        c = a < b ? -1 : a > b;
    } else if (json_is_string(l) && json_is_string(r)) {
        c = strcmp(json_string_value(l), json_string_value(r));
    } else {
        char fn[32];

        snprintf(fn, sizeof(fn), "#operator_%s", op);
        return yq_nomatch(fn, err);
    }
    if (strcmp(op, "<") == 0)
        *out = json_boolean(c < 0);
    else if (strcmp(op, ">") == 0)
        *out = json_boolean(c > 0);
    else if (strcmp(op, "<=") == 0)
        *out = json_boolean(c <= 0);
    else
        *out = json_boolean(c >= 0);
    return 0;
}

static int yq_attr(json_t *obj, const char *name, json_t **out, hh_error *err)
{
    if (json_is_object(obj)) {
        json_t *v = json_object_get(obj, name);

        if (!v) {
            json_t *k = json_string(name);
            hh_pybuf b = {0};
            int rc;

            hh_py_repr_to(&b, k);
            rc = hh_error_set(err, HH_EINVAL, KE, "%s", b.s ? b.s : "");
            hh_pybuf_free(&b);
            json_decref(k);
            return rc;
        }
        *out = json_incref(v);
        return 0;
    }
    if (json_is_array(obj)) {
        json_t *res = json_array(), *x;
        size_t i;

        if (!res)
            return ENOMEM;
        json_array_foreach(obj, i, x)
        {
            json_t *v = NULL;
            int rc = yq_attr(x, name, &v, err);

            if (!rc && json_array_append_new(res, v))
                rc = ENOMEM;
            if (rc) {
                json_decref(res);
                return rc;
            }
        }
        *out = res;
        return 0;
    }
    return hh_fn_error(err, "NoFunctionRegisteredException", "Unknown function \"#property#%s\"",
                       name);
}

static int yq_list_arg(const char *fn, json_t *v, hh_error *err)
{
    if (!json_is_array(v))
        return hh_fn_error(err, "NoMethodRegisteredException", "Unknown method \"%s\" for receiver",
                           fn);
    return 0;
}

/* Method fn with receiver recv (evaluated) and the argument nodes. */
static int yq_call(const char *fn, json_t *recv, yq_node **args, size_t nargs, json_t *self,
                   int depth, json_t **out, hh_error *err)
{
    json_t *a0 = NULL, *res = NULL, *x;
    size_t i;
    int rc = 0;

    if (strcmp(fn, "select") != 0 && strcmp(fn, "where") != 0 && nargs > 0 &&
        strcmp(fn, "max") != 0 && strcmp(fn, "min") != 0) {
        rc = yq_eval(args[0], self, depth + 1, &a0, err);
        if (rc)
            return rc;
    }
    if (strcmp(fn, "len") == 0 || strcmp(fn, "count") == 0) {
        if (json_is_string(recv))
            res = json_integer(
                (json_int_t)hh_utf8_nlen(json_string_value(recv), json_string_length(recv)));
        else if (json_is_array(recv))
            res = json_integer((json_int_t)json_array_size(recv));
        else if (json_is_object(recv))
            res = json_integer((json_int_t)json_object_size(recv));
        else
            rc = yq_nomatch(fn, err);
    } else if (strcmp(fn, "max") == 0 || strcmp(fn, "min") == 0 || strcmp(fn, "sum") == 0) {
        json_t *items = recv, *own = NULL;

        if (nargs > 0) {
            /* max(a, b, ...) */
            own = json_array();
            json_array_append(own, recv);
            for (i = 0; !rc && i < nargs; i++) {
                rc = yq_eval(args[i], self, depth + 1, &x, err);
                if (!rc)
                    json_array_append_new(own, x);
            }
            items = own;
        }
        if (!rc && !json_is_array(items))
            rc = yq_nomatch(fn, err);
        if (!rc && strcmp(fn, "sum") == 0) {
            res = json_integer(0);
            json_array_foreach(items, i, x)
            {
                json_t *s = NULL;

                if (rc)
                    break;
                rc = yq_arith("+", res, x, &s, err);
                json_decref(res);
                res = s;
            }
        } else if (!rc) {
            json_array_foreach(items, i, x)
            {
                json_t *c = NULL;

                if (!res) {
                    res = json_incref(x);
                    continue;
                }
                rc = yq_compare(fn[1] == 'a' ? ">" : "<", x, res, &c, err);
                if (rc)
                    break;
                if (json_is_true(c)) {
                    json_decref(res);
                    res = json_incref(x);
                }
                json_decref(c);
            }
            if (!rc && !res)
                rc = hh_fn_error(err, VE, "%s() arg is an empty sequence", fn);
        }
        json_decref(own);
    } else if (strcmp(fn, "select") == 0 || strcmp(fn, "where") == 0) {
        rc = yq_list_arg(fn, recv, err);
        res = rc ? NULL : json_array();
        json_array_foreach(rc ? NULL : recv, i, x)
        {
            json_t *v = NULL;

            rc = yq_eval(args[0], x, depth + 1, &v, err);
            if (rc)
                break;
            if (fn[0] == 's')
                rc = json_array_append_new(res, v) ? ENOMEM : 0;
            else {
                if (hh_py_truthy(v))
                    rc = json_array_append(res, x) ? ENOMEM : 0;
                json_decref(v);
            }
            if (rc)
                break;
        }
    } else if (strcmp(fn, "first") == 0 || strcmp(fn, "last") == 0) {
        rc = yq_list_arg(fn, recv, err);
        if (!rc && json_array_size(recv) > 0)
            res = json_incref(json_array_get(recv, fn[0] == 'f' ? 0 : json_array_size(recv) - 1));
        else if (!rc && a0)
            res = json_incref(a0);
        else if (!rc)
            rc = hh_fn_error(err, "StopIteration", "%s", "");
    } else if (strcmp(fn, "distinct") == 0 || strcmp(fn, "flatten") == 0) {
        rc = yq_list_arg(fn, recv, err);
        res = rc ? NULL : json_array();
        json_array_foreach(rc ? NULL : recv, i, x)
        {
            if (fn[0] == 'd') {
                bool seen = false;
                size_t j;
                json_t *y;

                json_array_foreach(res, j, y) seen = seen || hh_py_eq(x, y);
                if (!seen)
                    json_array_append(res, x);
            } else if (json_is_array(x)) {
                json_array_extend(res, x);
            } else {
                json_array_append(res, x);
            }
        }
    } else if (strcmp(fn, "keys") == 0 || strcmp(fn, "values") == 0) {
        const char *k;

        if (!json_is_object(recv)) {
            rc = yq_nomatch(fn, err);
        } else {
            res = json_array();
            json_object_foreach(recv, k, x)
                json_array_append_new(res, fn[0] == 'k' ? json_string(k) : json_incref(x));
        }
    } else if (strcmp(fn, "join") == 0) {
        hh_pybuf b = {0};

        if (!json_is_array(recv) || !json_is_string(a0)) {
            rc = yq_nomatch(fn, err);
        } else {
            json_array_foreach(recv, i, x)
            {
                if (i)
                    hh_pybuf_add(&b, json_string_value(a0), json_string_length(a0));
                hh_py_str_to(&b, x);
            }
            rc = set_out_string(&b, &res, err);
        }
        hh_pybuf_free(&b);
    } else if (strcmp(fn, "toUpper") == 0 || strcmp(fn, "toLower") == 0) {
        if (!json_is_string(recv)) {
            rc = yq_nomatch(fn, err);
        } else {
            char *s = strndup(json_string_value(recv), json_string_length(recv));

            for (char *c = s; c && *c; c++)
                *c = (char)(fn[2] == 'U' ? toupper((unsigned char)*c) : tolower((unsigned char)*c));
            res = s ? json_stringn(s, json_string_length(recv)) : NULL;
            free(s);
        }
    } else if (strcmp(fn, "str") == 0) {
        hh_pybuf b = {0};

        if (json_is_null(recv))
            hh_pybuf_adds(&b, "null");
        else if (json_is_boolean(recv))
            hh_pybuf_adds(&b, json_is_true(recv) ? "true" : "false");
        else
            hh_py_str_to(&b, recv);
        rc = set_out_string(&b, &res, err);
        hh_pybuf_free(&b);
    } else if (strcmp(fn, "int") == 0) {
        json_int_t v = 0;

        rc = json_is_null(recv) ? 0 : hh_fn_pyint(recv, &v, err);
        if (!rc)
            res = json_integer(v);
    } else if (strcmp(fn, "contains") == 0) {
        if (json_is_array(recv)) {
            bool has = false;

            json_array_foreach(recv, i, x) has = has || hh_py_eq(x, a0);
            res = json_boolean(has);
        } else if (json_is_string(recv) && json_is_string(a0)) {
            res = json_boolean(strstr(json_string_value(recv), json_string_value(a0)) != NULL);
        } else {
            rc = yq_nomatch(fn, err);
        }
    } else if (strcmp(fn, "any") == 0 || strcmp(fn, "all") == 0) {
        bool acc = fn[1] == 'l';

        rc = yq_list_arg(fn, recv, err);
        if (!rc) {
            json_array_foreach(recv, i, x)
            {
                if (acc && !hh_py_truthy(x)) {
                    acc = false;
                    break;
                }
                if (!acc && hh_py_truthy(x)) {
                    acc = true;
                    break;
                }
            }
            res = json_boolean(acc);
        }
    } else {
        rc = hh_error_set(err, HH_EUNSUPPORTED, "StackValidationFailed",
                          "The yaql method \"%s\" is not supported by heat-ha", fn);
    }
    json_decref(a0);
    if (!rc && !res)
        rc = ENOMEM;
    if (!rc && json_is_array(res) && json_array_size(res) > HH_FUNC_MAX_ITEMS)
        rc = hh_error_set(err, HH_ELIMIT, "StackValidationFailed",
                          "yaql result longer than %d items", HH_FUNC_MAX_ITEMS);
    if (rc) {
        json_decref(res);
        return rc;
    }
    *out = res;
    return 0;
}

static int yq_eval(const yq_node *n, json_t *self, int depth, json_t **out, hh_error *err)
{
    json_t *l = NULL, *r = NULL;
    int rc = 0;

    *out = NULL;
    if (depth > YQ_MAX_DEPTH * 4)
        return hh_error_set(err, HH_ELIMIT, "StackValidationFailed",
                            "yaql evaluation nested too deeply");
    switch (n->kind) {
    case YN_CONST:
        *out = json_incref(n->value);
        return 0;
    case YN_ROOT:
        *out = json_incref(self);
        return 0;
    case YN_LIST:
        *out = json_array();
        for (size_t i = 0; *out && !rc && i < n->nargs; i++) {
            rc = yq_eval(n->args[i], self, depth + 1, &l, err);
            if (!rc && json_array_append_new(*out, l))
                rc = ENOMEM;
            l = NULL;
        }
        break;
    case YN_ATTR:
        rc = yq_eval(n->a, self, depth + 1, &l, err);
        if (!rc && json_is_null(l) && json_is_true(n->value))
            *out = json_null(); /* ?. */
        else if (!rc)
            rc = yq_attr(l, n->name, out, err);
        break;
    case YN_DOTEXPR:
        /* parses, but yaql's standard library has no "." for an
         * expression on the right */
        rc = yq_eval(n->a, self, depth + 1, &l, err);
        if (!rc)
            rc = yq_nomatch("#operator_.", err);
        break;
    case YN_INDEX:
        rc = yq_eval(n->a, self, depth + 1, &l, err);
        if (!rc)
            rc = yq_eval(n->b, self, depth + 1, &r, err);
        if (rc)
            break;
        if (json_is_array(l) && yq_int(r)) {
            json_int_t i = yq_i(r), sz = (json_int_t)json_array_size(l);

            if (i < 0)
                i += sz;
            if (i < 0 || i >= sz)
                rc = hh_fn_error(err, "IndexError", "tuple index out of range");
            else
                *out = json_incref(json_array_get(l, (size_t)i));
        } else if (json_is_object(l) && json_is_string(r)) {
            rc = yq_attr(l, json_string_value(r), out, err);
        } else {
            rc = yq_nomatch("#indexer", err);
        }
        break;
    case YN_CALL:
    case YN_METHOD:
        if (n->kind == YN_CALL && n->nargs == 0) {
            rc = yq_nomatch(n->name, err);
            break;
        }
        rc = yq_eval(n->kind == YN_CALL ? n->args[0] : n->a, self, depth + 1, &l, err);
        if (!rc && n->kind == YN_METHOD && json_is_null(l) && json_is_true(n->value))
            *out = json_null();
        else if (!rc)
            rc = yq_call(n->name, l, n->kind == YN_CALL ? n->args + 1 : n->args,
                         n->kind == YN_CALL ? n->nargs - 1 : n->nargs, self, depth, out, err);
        break;
    case YN_UNARY:
        rc = yq_eval(n->a, self, depth + 1, &l, err);
        if (rc)
            break;
        if (strcmp(n->name, "not") == 0) {
            *out = json_boolean(!hh_py_truthy(l));
        } else if (!yq_num(l)) {
            rc = yq_nomatch(n->name[0] == '-' ? "#unary_operator_-" : "#unary_operator_+", err);
        } else if (n->name[0] == '+') {
            *out = yq_int(l) ? json_integer(yq_i(l)) : json_real(yq_d(l));
        } else if (yq_int(l)) {
            *out = yq_i(l) == INT64_MIN ? NULL : json_integer(-yq_i(l));
            if (!*out)
                rc = hh_fn_error(err, "OverflowError", "integer overflow");
        } else {
            *out = json_real(-yq_d(l));
        }
        break;
    case YN_BIN:
        rc = yq_eval(n->a, self, depth + 1, &l, err);
        if (rc)
            break;
        if (strcmp(n->name, "and") == 0 || strcmp(n->name, "or") == 0) {
            /* Python's and/or: the deciding operand */
            bool t = hh_py_truthy(l);

            if ((n->name[0] == 'a') != t)
                *out = json_incref(l);
            else
                rc = yq_eval(n->b, self, depth + 1, out, err);
            break;
        }
        rc = yq_eval(n->b, self, depth + 1, &r, err);
        if (rc)
            break;
        if (strcmp(n->name, "in") == 0) {
            if (json_is_array(r)) {
                bool has = false;
                size_t i;
                json_t *x;

                json_array_foreach(r, i, x) has = has || hh_py_eq(x, l);
                *out = json_boolean(has);
            } else if (json_is_object(r) && json_is_string(l)) {
                *out = json_boolean(json_object_get(r, json_string_value(l)) != NULL);
            } else if (json_is_string(r) && json_is_string(l)) {
                *out = json_boolean(strstr(json_string_value(r), json_string_value(l)) != NULL);
            } else {
                rc = yq_nomatch("#operator_in", err);
            }
        } else if (strchr("=!<>", n->name[0])) {
            rc = yq_compare(n->name, l, r, out, err);
        } else {
            rc = yq_arith(n->name, l, r, out, err);
        }
        break;
    default:
        rc = hh_error_set(err, HH_EUNSUPPORTED, "StackValidationFailed",
                          "yaql construct not supported by heat-ha");
    }
    json_decref(l);
    json_decref(r);
    if (!rc && !*out)
        rc = ENOMEM;
    if (rc) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

/* Yaql._parse: a string expression, parsed; a yaql grammar or lexical
 * error is ValueError 'Bad expression <yaql message>.'; constructs outside
 * the subset are refused by name. */
static int yaql_parse_checked(const char *fname, const json_t *expr, yq_node **out, hh_error *err)
{
    int rc = 0;

    *out = NULL;
    if (!json_is_string(expr))
        return hh_fn_error(err, TE, "The \"expression\" argument to %s must contain a string.",
                           fname);
    rc = yq_parse(json_string_value(expr), out, err);
    if (rc && err && err->type &&
        (strcmp(err->type, "YaqlGrammarException") == 0 ||
         strcmp(err->type, "YaqlLexicalException") == 0)) {
        char msg[HH_ERROR_MSG_MAX];

        snprintf(msg, sizeof(msg), "%s", err->message);
        return hh_fn_error(err, VE, "Bad expression %s.", msg);
    }
    if (!rc)
        rc = yq_check(*out, err);
    if (rc) {
        yq_free(*out);
        *out = NULL;
    }
    return rc;
}

static int yaql_validate(const hh_fwalk *w, const char *fname, json_t *args, hh_error *err)
{
    json_t *e = json_object_get(args, "expression");
    yq_node *n = NULL;
    int rc = 0;

    if (isfn(w, e))
        return 0;
    rc = yaql_parse_checked(fname, e, &n, err);
    yq_free(n);
    return rc;
}

static int yaql_result(const hh_fwalk *w, const char *fname, json_t *args, json_t **out,
                       hh_error *err)
{
    json_t *e = NULL, *data = NULL, *ctxv = NULL;
    json_t *d = json_object_get(args, "data");
    yq_node *n = NULL;
    int rc = hh_fn_get(w, json_object_get(args, "expression"), &e, err);

    if (!rc)
        rc = yaql_parse_checked(fname, e, &n, err);
    if (!rc)
        rc = d ? hh_fn_get(w, d, &data, err) : ((data = json_object()) ? 0 : ENOMEM);
    if (!rc) {
        ctxv = json_pack("{sO}", "data", data);
        rc = ctxv ? yq_eval(n, ctxv, 0, out, err) : ENOMEM;
    }
    yq_free(n);
    json_decref(e);
    json_decref(data);
    json_decref(ctxv);
    return rc;
}

/* ---- dispatch ---------------------------------------------------------- */

#define REPLACE_EXAMPLE                                                                            \
    "%s:\n              template: This is var1 template var2\n              params:\n"             \
    "                var1: a\n                var2: string"
#define REPEAT_EXAMPLE                                                                             \
    "repeat:\n              template: This is %%var%%\n              for_each:\n"                  \
    "                %%var%%: ['a', 'b', 'c']"
#define YAQL_EXAMPLE                                                                               \
    "%s:\n              expression: $.data.var1.sum()\n              data:\n"                      \
    "                var1: [3, 2, 1]"

int hh_fn_hot_check(const hh_fwalk *w, const hh_func_def *def, json_t *args, hh_error *err)
{
    const char *f = def->name;
    bool map = json_is_object(args) && !isfn(w, args);
    bool list = json_is_array(args);

    switch (def->kind) {
    case HH_FK_GET_ATTR_SEL:
    case HH_FK_GET_ATTR:
    case HH_FK_GET_ATTR_ALL: {
        json_t *r = NULL, *a = NULL, *p = NULL;
        int rc = get_attr_parts(w, def, args, &r, &a, &p, err);

        json_decref(r);
        json_decref(a);
        json_decref(p);
        return rc;
    }
    case HH_FK_REPLACE:
    case HH_FK_REPLACE_JSON:
    case HH_FK_REPLACE_STRICT:
    case HH_FK_REPLACE_VSTRICT: {
        json_t *params = json_object_get(args, "params");

        if (!map)
            return hh_fn_error(err, TE, "Arguments to \"%s\" must be a map", f);
        if (!params || !json_object_get(args, "template"))
            return hh_fn_error(err, KE, "\"%s\" syntax should be " REPLACE_EXAMPLE, f, f);
        if (!json_is_object(params))
            return hh_fn_error(err, TE, "\"%s\" parameters must be a mapping", f);
        return 0;
    }
    case HH_FK_JOIN:
        if (!list || json_array_size(args) != 2)
            return hh_fn_error(err, list ? VE : TE,
                               "Incorrect arguments to \"%s\" should be: \"%s\" : [ \" \", [ "
                               "\"str1\", \"str2\"]]",
                               f, f);
        return 0;
    case HH_FK_JOIN_MULTI:
        if (!list || json_array_size(args) < 2)
            return hh_fn_error(err, list ? VE : TE,
                               "Incorrect arguments to \"%s\" should be: \"%s\" : [ \" \", [ "
                               "\"str1\", \"str2\"] ...]",
                               f, f);
        return 0;
    case HH_FK_REPEAT:
    case HH_FK_REPEAT_MAP:
    case HH_FK_REPEAT_NESTED: {
        json_t *perm = json_object_get(args, "permutations");

        if (!map)
            return hh_fn_error(err, TE, "Arguments to \"%s\" must be a map", f);
        if (!json_object_get(args, "for_each") || !json_object_get(args, "template"))
            return hh_fn_error(err, KE, "\"repeat\" syntax should be " REPEAT_EXAMPLE);
        if (def->kind == HH_FK_REPEAT_NESTED && perm && !json_is_boolean(perm))
            return hh_fn_error(err, TE, "\"permutations\" should be boolean type for %s function.",
                               f);
        return 0;
    }
    case HH_FK_STR_SPLIT:
        if (json_is_string(args) || map)
            return hh_fn_error(err, TE,
                               "Incorrect arguments to \"%s\" should be: \"%s\" : [ \",\", "
                               "\"apples,pears\", <index>]",
                               f, f);
        return 0;
    case HH_FK_YAQL: {
        const char *k;
        json_t *x;

        if (!map)
            return hh_fn_error(err, TE, "Arguments to \"%s\" must be a map.", f);
        if (!json_object_get(args, "expression"))
            return hh_fn_error(err, KE, "\"%s\" syntax should be " YAQL_EXAMPLE, f, f);
        json_object_foreach(
            args, k, x) if (strcmp(k, "expression") != 0 &&
                            strcmp(k, "data") !=
                                0) return hh_fn_error(err, KE,
                                                      "\"%s\" syntax should be " YAQL_EXAMPLE, f,
                                                      f);
        return 0;
    }
    case HH_FK_EQUALS:
        if (!list || json_array_size(args) != 2)
            return hh_fn_error(err, VE,
                               "Arguments to \"%s\" must be of the form: [value_1, value_2]", f);
        return 0;
    case HH_FK_NOT:
        if (json_is_null(args))
            return hh_fn_error(err, VE, "Argument to \"%s\" must be a condition", f);
        return 0;
    case HH_FK_AND:
    case HH_FK_OR:
        if (!list)
            return hh_fn_error(err, VE, "Arguments to \"%s\" must be a list of conditions", f);
        if (json_array_size(args) < 2)
            return hh_fn_error(err, VE, "The minimum number of condition arguments to \"%s\" is 2.",
                               f);
        return 0;
    case HH_FK_FILTER:
        if (!list)
            return hh_fn_error(err, TE, "Argument to \"%s\" must be a list", f);
        if (json_array_size(args) != 2)
            return hh_fn_error(err, VE,
                               "\"%s\" expected 2 arguments of the form [values, sequence] but "
                               "got %zu arguments instead",
                               f, json_array_size(args));
        return 0;
    case HH_FK_CONTAINS:
        if (!list || json_array_size(args) == 0)
            return hh_fn_error(err, TE,
                               "Incorrect arguments to \"%s\" should be: \"%s\" : [ \"value1\", "
                               "[ \"value1\", \"value2\"]]",
                               f, f);
        if (json_array_size(args) != 2)
            return hh_fn_error(err, VE,
                               "Arguments to \"%s\" must be of the form: [value1, [value1, "
                               "value2]]",
                               f);
        return 0;
    case HH_FK_RESOURCE_FACADE: {
        const char *s = json_string_value(args);

        if (!s ||
            (strcmp(s, "metadata") && strcmp(s, "deletion_policy") && strcmp(s, "update_policy")))
            return hh_fn_error(err, VE,
                               "Incorrect arguments to \"%s\" should be one of: metadata, "
                               "deletion_policy, update_policy",
                               f);
        return 0;
    }
    default:
        return 0;
    }
}

int hh_fn_hot_validate(const hh_fwalk *w, const hh_func_def *def, json_t *args, hh_error *err)
{
    const char *f = def->name;

    switch (def->kind) {
    case HH_FK_GET_ATTR_SEL:
    case HH_FK_GET_ATTR:
    case HH_FK_GET_ATTR_ALL: {
        json_t *r = NULL, *a = NULL, *p = NULL;
        int rc = get_attr_parts(w, def, args, &r, &a, &p, err);

        if (!rc)
            rc = hh_fn_get_attr_validate(w, r, a, a == NULL, err);
        json_decref(r);
        json_decref(a);
        json_decref(p);
        return rc;
    }
    case HH_FK_REPEAT:
    case HH_FK_REPEAT_MAP:
    case HH_FK_REPEAT_NESTED: {
        json_t *fe = json_object_get(args, "for_each");

        if (!isfn(w, fe) && !json_is_object(fe))
            return hh_fn_error(err, TE, "The \"for_each\" argument to \"%s\" must contain a map",
                               f);
        return 0;
    }
    case HH_FK_YAQL:
        return yaql_validate(w, f, args, err);
    case HH_FK_MAKE_URL: {
        const char *k;
        json_t *x;
        hh_pybuf bad = {0};
        int rc = 0;

        if (!json_is_object(args) || isfn(w, args))
            return hh_fn_error(err, TE, "The arguments to \"%s\" must be a map", f);
        json_object_foreach(args, k, x)
        {
            bool known = false;

            for (size_t i = 0; i < sizeof(url_keys) / sizeof(url_keys[0]); i++)
                known = known || strcmp(k, url_keys[i]) == 0;
            if (!known) {
                if (bad.len)
                    hh_pybuf_adds(&bad, ", ");
                hh_pybuf_adds(&bad, k);
            }
        }
        if (bad.len)
            rc = hh_fn_error(err, VE, "Invalid arguments to \"%s\": %s", f, bad.s);
        hh_pybuf_free(&bad);
        return rc ? rc : url_check(w, f, args, true, err);
    }
    default:
        return 0;
    }
}

int hh_fn_hot_result(const hh_fwalk *w, const hh_func_def *def, json_t *args, json_t **out,
                     hh_error *err)
{
    const char *f = def->name;
    int rc = 0;

    *out = NULL;
    switch (def->kind) {
    case HH_FK_GET_PARAM:
        return get_param_result(w, f, args, out, err);
    case HH_FK_GET_RESOURCE: {
        json_t *name = NULL;

        rc = hh_fn_get(w, args, &name, err);
        if (!rc)
            rc = resource_lookup(w, name, out, err);
        json_decref(name);
        return rc;
    }
    case HH_FK_GET_ATTR_SEL:
    case HH_FK_GET_ATTR:
    case HH_FK_GET_ATTR_ALL: {
        json_t *r = NULL, *a = NULL, *p = NULL;

        rc = get_attr_parts(w, def, args, &r, &a, &p, err);
        if (!rc)
            rc = hh_fn_get_attr_result(w, f, r, a, p, a == NULL, out, err);
        json_decref(r);
        json_decref(a);
        json_decref(p);
        return rc;
    }
    case HH_FK_GET_FILE:
        return get_file_result(w, f, args, out, err);
    case HH_FK_REPLACE:
    case HH_FK_REPLACE_JSON:
    case HH_FK_REPLACE_STRICT:
    case HH_FK_REPLACE_VSTRICT:
        return hh_fn_replace_result(w, def, f, json_object_get(args, "params"),
                                    json_object_get(args, "template"), out, err);
    case HH_FK_JOIN:
        return hh_fn_join_result(w, f, json_array_get(args, 0), json_array_get(args, 1), out, err);
    case HH_FK_JOIN_MULTI:
        return join_multi_result(w, f, args, out, err);
    case HH_FK_REPEAT:
    case HH_FK_REPEAT_MAP:
    case HH_FK_REPEAT_NESTED:
        return repeat_result(w, def, args, out, err);
    case HH_FK_DIGEST:
        return digest_result(w, f, args, out, err);
    case HH_FK_STR_SPLIT:
        return str_split_result(w, f, args, out, err);
    case HH_FK_MAP_MERGE:
        return map_merge_result(w, f, args, out, err);
    case HH_FK_MAP_REPLACE:
        return map_replace_result(w, f, args, out, err);
    case HH_FK_YAQL:
        return yaql_result(w, f, args, out, err);
    case HH_FK_EQUALS:
        return equals_result(w, args, out, err);
    case HH_FK_NOT:
        return hh_fn_not_result(w, args, out, err);
    case HH_FK_AND:
    case HH_FK_OR:
        return bool_fold(w, def, args, def->kind == HH_FK_AND, out, err);
    case HH_FK_FILTER:
        return filter_result(w, f, args, out, err);
    case HH_FK_MAKE_URL:
        return make_url_result(w, f, args, out, err);
    case HH_FK_LIST_CONCAT:
    case HH_FK_LIST_CONCAT_UNIQUE:
        return list_concat_result(w, f, args, def->kind == HH_FK_LIST_CONCAT_UNIQUE, out, err);
    case HH_FK_CONTAINS:
        return contains_result(w, f, args, out, err);
    case HH_FK_RESOURCE_FACADE:
        return hh_fn_facade_result(w, f, args, false, out, err);
    default:
        return hh_error_set(err, HH_EINTERNAL, NULL, "no implementation for %s", f);
    }
}
