/*
 * bb_textmemo: a direct-mapped table of measured pieces, keyed by a hash of
 * everything that changes how a piece is shaped.
 */
#include "bb_textmemo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u

typedef struct memo_slot {
    uint32_t hash;
    int weight, face, px;
    bool rtl;
    const char *script;       /* static tag, or NULL */
    char *text;               /* owned; NULL: the slot is empty */
    size_t len;
    bb_textmemo_value value;
} memo_slot;

struct bb_textmemo {
    memo_slot slots[BB_TEXTMEMO_SLOTS];
    unsigned long hits, misses;
};

static uint32_t key_hash(const bb_textmemo_key *key);
static bool same_script(const char *a, const char *b);

bb_textmemo *bb_textmemo_create(void)
{
    return calloc(1, sizeof(bb_textmemo));
}

void bb_textmemo_destroy(bb_textmemo *memo)
{
    if (!memo)
        return;
    for (int i = 0; i < BB_TEXTMEMO_SLOTS; i++)
        free(memo->slots[i].text);
    free(memo);
}

bool bb_textmemo_find(bb_textmemo *memo, const bb_textmemo_key *key, bb_textmemo_value *out)
{
    if (!memo || key->len > BB_TEXTMEMO_MAX_BYTES)
        return false;
    uint32_t h = key_hash(key);
    const memo_slot *s = &memo->slots[h & (BB_TEXTMEMO_SLOTS - 1)];
    if (s->text && s->hash == h && s->len == key->len && s->px == key->px &&
        s->weight == key->weight && s->face == key->face && s->rtl == key->rtl &&
        same_script(s->script, key->script) && memcmp(s->text, key->text, key->len) == 0) {
        *out = s->value;
        memo->hits++;
        return true;
    }
    memo->misses++;
    return false;
}

void bb_textmemo_store(bb_textmemo *memo, const bb_textmemo_key *key,
                       const bb_textmemo_value *value)
{
    if (!memo || key->len > BB_TEXTMEMO_MAX_BYTES)
        return;
    uint32_t h = key_hash(key);
    memo_slot *s = &memo->slots[h & (BB_TEXTMEMO_SLOTS - 1)];
    /* The slot's old text is reused when it is long enough: live texts
     * ("in 12:04") replace each other every second at the same length. */
    char *text = s->text && s->len >= key->len ? s->text : malloc(key->len + 1);
    if (!text)
        return;
    if (text != s->text)
        free(s->text);
    memcpy(text, key->text, key->len);
    text[key->len] = '\0';
    *s = (memo_slot){ h, key->weight, key->face, key->px, key->rtl, key->script, text, key->len,
                      *value };
}

void bb_textmemo_stats(const bb_textmemo *memo, unsigned long *hits, unsigned long *misses)
{
    *hits = memo ? memo->hits : 0;
    *misses = memo ? memo->misses : 0;
}

/* ---- static ---- */

/* FNV-1a over the text, then the numbers: cheap next to one shaping. */
static uint32_t key_hash(const bb_textmemo_key *key)
{
    uint32_t h = FNV_OFFSET;
    for (size_t i = 0; i < key->len; i++)
        h = (h ^ (unsigned char)key->text[i]) * FNV_PRIME;
    const int nums[] = { key->weight, key->face, key->px, key->rtl };
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        h = (h ^ (uint32_t)nums[i]) * FNV_PRIME;
    return h;
}

static bool same_script(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}
