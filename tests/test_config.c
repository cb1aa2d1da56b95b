/*
 * test_config: the configuration model.
 *
 * Bad inputs are a table: the text, the severity and exact line of the one
 * problem it must produce, and key words of the message.  Good inputs assert
 * the parsed values: instants in several zones, defaults, palettes,
 * expected_by windows, @include'd files, and the sample config.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bb_config.h"
#include "bb_test.h"

#define MAX_WORDS 3
#define V "version = 1;\n"
#define Z "zone = \"Europe/Zurich\";"
#define TALK_A "{ id = \"a\"; title = \"A\"; start = \"2022-01-10T09:00\"; " Z " }"

typedef struct bad_case {
    const char *text;
    bb_severity severity;
    int line;
    const char *words[MAX_WORDS];
    int count; /* problems the text produces in all */
} bad_case;

static const bad_case bad_cases[] = {
    /* unknown keys, with and without a suggestion */
    {V "display = { widht = 1920; };\n", BB_WARNING, 2, {"unknown setting 'widht'", "did you mean 'width'"}, 1},
    {V "\nslids = ();\n", BB_WARNING, 3, {"unknown setting 'slids'", "did you mean 'slides'"}, 1},
    {V "time_zone = \"Europe/Zurich\";\n", BB_WARNING, 2, {"'time_zone' belongs in the display group"}, 1},
    {V "logo = \"pixel.png\";\n", BB_WARNING, 2, {"'logo' belongs in the footer group"}, 1},
    {V "colour = 3;\n", BB_WARNING, 2, {"unknown setting 'colour' in the file (ignored)"}, 1},
    {V "cycle = {\n  colour = \"red\";\n};\n", BB_WARNING, 3, {"unknown setting 'colour'", "in cycle"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\"; titel = \"B\"; } );\n", BB_WARNING, 2, {"'titel'", "did you mean 'title'"}, 1},
    /* types */
    {V "display = { fullscreen = \"yes\"; };\n", BB_ERROR, 2, {"'fullscreen'", "true or false", "string"}, 1},
    {V "cycle = { duration = \"12\"; };\n", BB_ERROR, 2, {"'duration'", "must be a number"}, 1},
    {V "kiosk = { lock = 1; };\n", BB_ERROR, 2, {"'lock'", "true or false"}, 1},
    {V "display = { width = 1920.5; height = 1080; };\n", BB_ERROR, 2, {"'width'", "whole number"}, 1},
    {V "display = 5;\n", BB_ERROR, 2, {"'display' must be a group"}, 1},
    {V "talks = { };\n", BB_ERROR, 2, {"'talks' must be a list"}, 1},
    {V "slides = ( \"takeaways\" );\n", BB_ERROR, 2, {"each slide must be a group"}, 1},
    {V "display = { fonts = \"DejaVu Sans\"; };\n", BB_ERROR, 2, {"'fonts'", "list of strings"}, 1},
    /* ranges */
    {V "cycle = { duration = 1; };\n", BB_ERROR, 2, {"'duration' is 1 s", "from 2 to 3600"}, 1},
    {V "cycle = { duration = 4000.5; };\n", BB_ERROR, 2, {"'duration' is 4000.5", "3600"}, 1},
    {V "display = {\n  rotation = 45;\n};\n", BB_ERROR, 3, {"'rotation' is 45", "0, 90, 180 or 270"}, 1},
    {V "display = { rotation = 360; };\n", BB_ERROR, 2, {"'rotation' is 360", "0, 90, 180 or 270"}, 1},
    {V "display = { safe_area = 25; };\n", BB_ERROR, 2, {"'safe_area' is 25", "from 0 to 20"}, 1},
    {V "display = { width = 20000; height = 1080; };\n", BB_ERROR, 2, {"'width' is 20000", "16384"}, 1},
    {V "display = { width = 1920; };\n", BB_ERROR, 2, {"both 'width' and 'height'"}, 1},
    {V "cycle = { transition_time = 6; };\n", BB_ERROR, 2, {"'transition_time' is 6", "from 0 to 5"}, 1},
    {V "timing = { imminent = -5; };\n", BB_ERROR, 2, {"'imminent' is -5"}, 1},
    {V "clock = { start = \"2022-01-09T19:00+01:00\"; speed = 0; };\n", BB_ERROR, 2, {"'speed' is 0"}, 1},
    {V "display = { fonts = []; };\n", BB_ERROR, 2, {"'fonts' has 0 entries", "from 1 to 8"}, 1},
    /* enum words */
    {V "display = { theme = \"blue\"; };\n", BB_ERROR, 2, {"\"blue\"", "one of: dark, light"}, 1},
    {V "display = { theme = \"drak\"; };\n", BB_ERROR, 2, {"did you mean \"dark\"", "dark, light"}, 1},
    {V "cycle = { transition = \"wipe\"; };\n", BB_ERROR, 2, {"\"wipe\"", "cut, fade, slide"}, 1},
    {V "display = { theme = \"\"; };\n", BB_ERROR, 2, {"'theme' is \"\"", "one of: dark, light"}, 1},
    {V "slides = ( { type = \"\"; } );\n", BB_ERROR, 2, {"'type' is \"\"", "one of: takeaways"}, 1},
    {V "slides = ( { type = \"image\"; file = \"\"; } );\n", BB_ERROR, 2, {"'file' must not be empty"}, 1},
    /* version */
    {V "display = { };\nversion2 = 3;\n", BB_WARNING, 3, {"'version2'", "did you mean 'version'"}, 1},
    {"version = 2;\n", BB_ERROR, 1, {"unsupported version 2", "version 1"}, 1},
    {"kiosk = { lock = true; };\n", BB_WARNING, 0, {"no 'version'", "assuming version = 1"}, 1},
    /* colours and contrast */
    {V "display = { colors = { text = \"#12345\"; }; };\n", BB_ERROR, 2, {"'text'", "#RRGGBB"}, 1},
    {V "display = {\n  colors = {\n    muted = \"#777777\";\n  };\n};\n", BB_ERROR, 4,
     {"contrast of muted #777777 on background", "at least 7:1"}, 2},
    {V "display = { theme = \"light\"; colors = { accent = \"#6699CC\"; }; };\n", BB_ERROR, 2,
     {"contrast of accent #6699CC", "7:1"}, 2},
    {V "display = { colour = { text = \"#000000\"; }; };\n", BB_WARNING, 2, {"'colour'", "did you mean 'colors'"}, 1},
    {V "display = { colors = { txt = \"#FFFFFF\"; }; };\n", BB_WARNING, 2, {"unknown setting 'txt' in colors", "did you mean 'text'"}, 1},
    /* zones and files */
    {V "display = { time_zone = \"Europe/Geneva\"; };\n", BB_ERROR, 2, {"unknown time zone 'Europe/Geneva'", "Geneva uses \"Europe/Zurich\""}, 1},
    {V "display = { time_zone = \"Europe/Zurik\"; };\n", BB_ERROR, 2, {"unknown time zone 'Europe/Zurik'", "did you mean 'Europe/Zurich'"}, 1},
    {V "display = { time_zone = \"europe/vienna\"; };\n", BB_ERROR, 2, {"did you mean 'Europe/Vienna'"}, 1},
    {V "display = { time_zone = \"Mars/Olympus\"; };\n", BB_ERROR, 2, {"unknown time zone 'Mars/Olympus'", "one city per region"}, 1},
    {V "display = { time_zone = \"Europe\"; };\n", BB_ERROR, 2, {"'Europe' is a region of the tz database, not a time zone", "like 'Europe/"}, 1},
    {V "footer = { logo = \"no-such-logo.png\"; };\n", BB_ERROR, 2, {"'no-such-logo.png' does not exist"}, 1},
    {V "footer = { logo = \"not-an-image.png\"; };\n", BB_ERROR, 2, {"not a PNG, JPEG or SVG image"}, 1},
    {V "clock = { start = \"2022-13-09T19:00\"; };\n", BB_ERROR, 2, {"malformed date", "month out of range"}, 1},
    {V "clock = { speed = 2.0; };\n", BB_WARNING, 2, {"no 'start'", "real clock"}, 1},
    /* talks */
    {V "talks = (\n  { id = \"a\";\n    start = \"2022-01-10T09:00\"; " Z " }\n);\n", BB_ERROR, 3,
     {"talk 'a' is missing the required setting 'title'"}, 1},
    {V "talks = ( { id = \"\"; title = \"A\"; } );\n", BB_ERROR, 2, {"'id' must not be empty"}, 1},
    {V "talks = ( { id = \"geneva ssd\"; title = \"A\"; } );\n", BB_ERROR, 2, {"'geneva ssd'", "letters, digits"}, 1},
    {V "talks = (\n  " TALK_A ",\n  " TALK_A "\n);\n", BB_ERROR, 4, {"duplicate talk id 'a'", "first used at case.cfg:3"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  start = \"2022-01-10T09:00\"; zone = \"Europe/Geneva\"; } );\n",
     BB_ERROR, 3, {"unknown time zone 'Europe/Geneva'"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  start = \"2022-03-27T02:30\"; " Z " } );\n", BB_ERROR, 3,
     {"2022-03-27T02:30 does not exist in Europe/Zurich", "clocks go forward from 02:00 to 03:00"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  start = \"2022-03-13T02:15\"; zone = \"America/New_York\"; } );\n",
     BB_ERROR, 3, {"does not exist in America/New_York", "from 02:00 to 03:00"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  start = \"2022-10-02T02:30\"; zone = \"Australia/Sydney\"; } );\n",
     BB_ERROR, 3, {"does not exist in Australia/Sydney", "from 02:00 to 03:00"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  start = \"2022-10-30T02:30\"; " Z " } );\n", BB_WARNING, 3,
     {"is ambiguous in Europe/Zurich", "+02:00, then +01:00", "add an offset"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  start = \"2022-01-10T09:00+02:00\"; " Z " } );\n", BB_ERROR, 3,
     {"offset +02:00", "Europe/Zurich is at +01:00"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\"; start = \"2022-01-10T09:00\"; " Z "\n  end = \"2022-01-10T08:00\"; } );\n",
     BB_ERROR, 3, {"'end' 2022-01-10T08:00:00+01:00 is before 'start' 2022-01-10T09:00:00+01:00"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\"; start = \"2022-01-10T09:00\"; " Z "\n  end = \"2022-01-10T08:00:00Z\"; } );\n",
     BB_ERROR, 3, {"is the same as 'start'"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\"; start = \"2022-01-10T09:00\"; " Z "\n  end = \"2022-01-10T13:00\";\n  duration_min = 240; } );\n",
     BB_ERROR, 4, {"'end' or 'duration_min', not both"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\"; start = \"2022-01-10T09:00\"; " Z "\n  duration_min = 0; } );\n",
     BB_ERROR, 3, {"'duration_min' is 0 min"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  start = \"2022-01-10 25:00\"; " Z " } );\n", BB_ERROR, 3,
     {"malformed date \"2022-01-10 25:00\"", "hour out of range"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  start = \"2022-01-10\"; " Z " } );\n", BB_ERROR, 3,
     {"without a time of day"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  start = 20220110; " Z " } );\n", BB_ERROR, 3,
     {"'start' must be a date-time in quotes", "whole number"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  end = \"2022-01-10T09:00\"; } );\n", BB_ERROR, 3,
     {"'end' without a 'start'"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  status = \"delayed\"; } );\n", BB_ERROR, 3,
     {"\"delayed\"", "confirmed, postponed, cancelled"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  expected_by = \"2025-02-30\"; } );\n", BB_ERROR, 3,
     {"malformed date \"2025-02-30\"", "day out of range"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  expected_by = { from = \"2025-02-22\"; }; } );\n", BB_ERROR, 3,
     {"missing the required setting 'within_days'"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\"; expected_by = {\n  from = \"2025-02-22\";\n  within_days = 0; }; } );\n",
     BB_ERROR, 4, {"'within_days' is 0 days", "from 1 to 366"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\"; start = \"2022-01-10T09:00\"; " Z "\n  expected_by = \"2022-01-31\"; } );\n",
     BB_ERROR, 3, {"either 'start' or 'expected_by'"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  participants = ( \"Wendy Sherman\", 3 ); } );\n", BB_ERROR, 3,
     {"entry 2 of 'participants' must be a string"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  start = \"2022-01-10T09:00\"; } );\n", BB_WARNING, 3,
     {"no 'zone' and no offset", "display.time_zone is not set"}, 1},
    /* slides */
    {V "slides = (\n  { heading = \"No type\"; }\n);\n", BB_ERROR, 3, {"missing the required setting 'type'"}, 1},
    {V "slides = ( { type = \"chart\"; } );\n", BB_ERROR, 2, {"\"chart\"", "takeaways, stat, quote, countdown, agenda, image"}, 1},
    {V "slides = ( { type = \"takeaways\"; heading = \"H\";\n  items = [ \"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\", \"10\", \"11\", \"12\", \"13\", \"14\", \"15\", \"16\", \"17\", \"18\", \"19\", \"20\", \"21\", \"22\", \"23\", \"24\", \"25\", \"26\", \"27\", \"28\", \"29\", \"30\", \"31\", \"32\", \"33\", \"34\", \"35\", \"36\", \"37\", \"38\", \"39\", \"40\", \"41\" ]; } );\n",
     BB_ERROR, 3, {"'items' has 41 entries", "from 1 to 40"}, 1},
    {V "slides = (\n  { type = \"takeaways\"; heading = \"H\"; }\n);\n", BB_ERROR, 3,
     {"takeaways slide is missing the required setting 'items'"}, 1},
    {V "slides = ( { type = \"takeaways\"; heading = \"H\";\n  items = [ \"one\",\n \"\" ]; } );\n", BB_ERROR, 4,
     {"entry 2 of 'items' is empty"}, 1},
    {V "slides = ( { type = \"takeaways\"; heading = \"\"; items = [ \"x\" ]; } );\n", BB_ERROR, 2,
     {"'heading' must not be empty"}, 1},
    {V "slides = ( { type = \"takeaways\"; heading = \"H\"; items = [ \"x\" ];\n  date = \"2025-02-22T10:00\"; } );\n",
     BB_ERROR, 3, {"'date' must be a date only"}, 1},
    {V "slides = (\n  { type = \"stat\"; caption = \"displaced\"; }\n);\n", BB_ERROR, 3,
     {"stat slide is missing the required setting 'figure'"}, 1},
    {V "slides = ( { type = \"quote\"; text = \"T\";\n  figure = \"110 million\"; } );\n", BB_WARNING, 3,
     {"'figure' belongs to stat slides, not quote slides"}, 1},
    {V "slides = ( { type = \"stat\"; figure = \"1\"; caption = \"c\";\n  captoin = \"x\"; } );\n", BB_WARNING, 3,
     {"'captoin'", "did you mean 'caption'"}, 1},
    {V "talks = ( { id = \"ssd-geneva\"; title = \"SSD\"; } );\nslides = ( { type = \"countdown\";\n  talk = \"ssd-genva\"; } );\n",
     BB_ERROR, 4, {"unknown talk 'ssd-genva'", "did you mean 'ssd-geneva'"}, 1},
    {V "slides = ( { type = \"countdown\"; talk = \"nato\"; } );\n", BB_ERROR, 2, {"unknown talk 'nato'", "no talk has this id"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\"; } );\nslides = ( { type = \"countdown\"; talk = \"c\"; } );\n", BB_ERROR, 3,
     {"unknown talk 'c'", "no talk has this id"}, 1},
    {V "slides = ( { type = \"countdown\"; } );\n", BB_ERROR, 2, {"countdown slide is missing the required setting 'talk'"}, 1},
    {V "slides = ( { type = \"agenda\"; max_rows = 0; } );\n", BB_ERROR, 2, {"'max_rows' is 0 rows", "from 1 to 20"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\"; room = \"Hall 1\"; } );\nslides = ( { type = \"agenda\";\n  room = \"Hall 2\"; } );\n",
     BB_WARNING, 4, {"no talk is in room 'Hall 2'"}, 1},
    {V "slides = ( { type = \"image\";\n  file = \"missing.png\"; } );\n", BB_ERROR, 3, {"'missing.png' does not exist"}, 1},
    {V "slides = ( { type = \"image\"; file = \"not-an-image.png\"; } );\n", BB_ERROR, 2, {"not a PNG, JPEG or SVG image"}, 1},
    {V "slides = ( { type = \"image\"; caption = \"c\"; } );\n", BB_ERROR, 2, {"image slide is missing the required setting 'file'"}, 1},
    {V "slides = ( { type = \"quote\"; text = \"T\"; show_from = \"2022-01-12\";\n  show_until = \"2022-01-10\"; } );\n",
     BB_ERROR, 3, {"'show_until' is not after 'show_from'"}, 1},
    {V "slides = ( { type = \"quote\"; text = \"T\";\n  show_from = \"12/01/2022\"; } );\n", BB_ERROR, 3, {"'show_from' has a malformed date"}, 1},
    {V "slides = ( { type = \"quote\"; text = \"T\";\n  duration = 1.5; } );\n", BB_ERROR, 3, {"'duration' is 1.5 s"}, 1},
    {V "slides = ( { type = \"quote\"; text = \"T\";\n  enabled = \"no\"; } );\n", BB_ERROR, 3, {"'enabled' must be true or false"}, 1},
    /* announcements, feeds, pictures, QR codes */
    {V "slides = ( { type = \"text\"; paragraphs = [ \"p\" ]; } );\n", BB_ERROR, 2,
     {"text slide is missing the required setting 'heading'"}, 1},
    {V "slides = ( { type = \"text\"; heading = \"H\";\n  qr_url = \"ftp://example.org/\"; } );\n", BB_ERROR, 3,
     {"'qr_url' \"ftp://example.org/\" is not an http:// or https:// address"}, 1},
    {V "slides = ( { type = \"text\"; heading = \"H\";\n  qr_caption = \"Scan me\"; } );\n", BB_WARNING, 3,
     {"'qr_caption' without 'qr_url' is not shown"}, 1},
    {V "slides = ( { type = \"text\"; heading = \"H\";\n  paragraphs = \"one\"; } );\n", BB_ERROR, 3,
     {"'paragraphs' must be a list of strings"}, 1},
    {V "slides = ( { type = \"feed\"; title = \"News\"; } );\n", BB_ERROR, 2,
     {"feed slide is missing the required setting 'file'"}, 1},
    {V "slides = ( { type = \"feed\";\n  file = \"missing.xml\"; } );\n", BB_ERROR, 3, {"'missing.xml' does not exist"}, 1},
    {V "slides = ( { type = \"feed\"; file = \"../feed/briefings.rss\";\n  max_items = 9; } );\n", BB_ERROR, 3,
     {"'max_items' is 9 items", "from 1 to 8"}, 1},
    {V "slides = ( { type = \"feed\"; file = \"../feed/briefings.rss\";\n  url = \"https://example.org/feed\"; } );\n",
     BB_ERROR, 3, {"feed slide has both 'file' and 'url'"}, 1},
    {V "slides = ( { type = \"feed\";\n  url = \"https://example.org/feed\"; } );\n", BB_WARNING, 3,
     {"feed slide url \"https://example.org/feed\" is skipped: there is no state directory"}, 1},
    {V "slides = ( { type = \"feed\";\n  url = \"ftp://example.org/feed\"; } );\n", BB_ERROR, 3,
     {"feed slide url \"ftp://example.org/feed\": the URL must start with https://"}, 1},
    {V "slides = ( { type = \"image\"; file = \"../render/picture.png\";\n  fit = \"stretch\"; } );\n", BB_ERROR, 3,
     {"'fit'"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\"; start = \"2022-01-10T09:00:00Z\"; } );\n"
       "slides = ( { type = \"countdown\"; talk = \"a\";\n  qr = true; } );\n", BB_WARNING, 4,
     {"talk 'a' has no 'url': no QR code is shown"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\";\n  url = \"www.example.org\"; } );\n", BB_ERROR, 3,
     {"'url' \"www.example.org\" is not an http:// or https:// address"}, 1},
    /* syntax */
    {V "cycle = {\n  duration 12;\n};\n", BB_ERROR, 3, {"syntax error"}, 1},
    {V "slides = ( { type = \"quote\";\n  text = \"unterminated; } );\n", BB_ERROR, 4, {"syntax error"}, 1},
    {V "\n@include \"no-such-file.cfg\"\n", BB_ERROR, 3, {"cannot open include file"}, 1},
    {V "cycle = { duration = 5;\n  duration = 6; };\n", BB_ERROR, 3, {"duplicate setting name"}, 1},
    /* external schedules */
    {V "schedules = ( { file = \"../import/schedule.xml\"; },\n  { file = \"programme.xml\"; } );\n", BB_ERROR, 3,
     {"'programme.xml' does not exist"}, 1},
    {V "schedules = ( { path = \"programme.xml\"; } );\n", BB_ERROR, 2,
     {"schedule is missing the required setting 'file'"}, 2},
    {V "schedules = { file = \"x\"; };\n", BB_ERROR, 2, {"'schedules' must be a list"}, 1},
    /* languages and the quote's original */
    {V "display = {\n  language = \"Deutsch!\"; };\n", BB_ERROR, 3, {"'language' is \"Deutsch!\"", "language tag"}, 1},
    {V "display = { language = \"tlh\"; };\n", BB_WARNING, 2, {"no translation", "\"tlh\"", "stay English"}, 1},
    {V "display = { clock_format = \"13h\"; };\n", BB_ERROR, 2, {"\"13h\"", "auto, 24h, 12h"}, 1},
    {V "slides = ( { type = \"quote\"; text = \"T\";\n  lang = \"x\"; } );\n", BB_ERROR, 3, {"'lang' is \"x\""}, 1},
    {V "slides = ( { type = \"quote\"; text = \"T\";\n  translation = \"O\"; } );\n", BB_WARNING, 3,
     {"'translation' is deprecated", "now called 'original'"}, 1},
    {V "slides = ( { type = \"quote\"; text = \"T\"; original = \"O\";\n  translation = \"O\"; } );\n", BB_ERROR, 3,
     {"both 'original' and its old name 'translation'"}, 1},
    /* text that draws nothing (issue #16 row 8): empty, with a warning at its line */
    {V "talks = ( { id = \"a\"; start = \"2022-01-10T09:00\"; " Z "\n  title = \"\xD8\x9C\"; } );\n", BB_ERROR, 3,
     {"'title' has only characters that draw nothing", "must not be empty"}, 1},
    {V "talks = ( { id = \"a\"; title = \"A\"; start = \"2022-01-10T09:00\"; " Z "\n  room = \"\xE2\x80\x8B\xEF\xBB\xBF\"; } );\n",
     BB_WARNING, 3, {"'room' has only characters that draw nothing", "treated as empty"}, 1},
    {V "slides = ( { type = \"takeaways\"; heading = \"H\";\n  items = [ \"a\",\n \"\xE2\x80\x8D\" ]; } );\n", BB_WARNING, 4,
     {"entry 2 of 'items' has only characters that draw nothing", "left out"}, 1},
    {V "slides = ( { type = \"takeaways\"; heading = \"H\";\n  items = [ \"\xE2\x81\xA0\" ]; } );\n", BB_ERROR, 3,
     {"'items' has fewer than 1 entries that draw something"}, 2},
};

static const char *data_dir(void);
static void run_bad_cases(void);
static void test_defaults(void);
static void test_display_and_palette(void);
static void test_themes_contrast(void);
static void test_talk_instants(void);
static void test_expected_by(void);
static void test_slides(void);
static void test_clock_and_misc(void);
static void test_includes(void);
static void test_include_errors(void);
static void test_sample(void);
static void test_find(void);
static void test_text_limit(void);
static bb_config *load_ok(const char *text, bb_diag_list *diags);

int main(void)
{
    run_bad_cases();
    test_defaults();
    test_display_and_palette();
    test_themes_contrast();
    test_talk_instants();
    test_expected_by();
    test_slides();
    test_clock_and_misc();
    test_includes();
    test_include_errors();
    test_sample();
    test_find();
    test_text_limit();
    return bb_test_finish("test_config");
}

static const char *data_dir(void)
{
    static char dir[1024];
    if (!dir[0]) {
        const char *base = getenv("BB_TEST_DATA");
        snprintf(dir, sizeof dir, "%s/config", base ? base : "tests/data");
    }
    return dir;
}

/* Each case must produce its problem at its line and nothing unexpected. */
static void run_bad_cases(void)
{
    int n = (int)(sizeof bad_cases / sizeof bad_cases[0]);
    CHECK(n >= 40);
    for (int i = 0; i < n; i++) {
        const bad_case *c = &bad_cases[i];
        bb_diag_list *diags = bb_diag_list_create();
        bb_config *cfg = bb_config_load_string(c->text, "case.cfg", data_dir(), diags);
        int want = c->count;
        int failures_before = bb_test_failures;

        CHECK_INT(bb_diag_count(diags), want);
        if (c->severity == BB_ERROR)
            CHECK(cfg == NULL);
        else
            CHECK(cfg != NULL);
        const bb_diag *match = NULL;
        for (int k = 0; k < bb_diag_count(diags) && !match; k++) {
            const bb_diag *d = bb_diag_get(diags, k);
            bool words = true;
            for (int w = 0; w < MAX_WORDS && c->words[w]; w++)
                words = words && strstr(d->message, c->words[w]);
            if (d->severity == c->severity && d->line == c->line && words)
                match = d;
        }
        CHECK(match != NULL);
        if (match && !strstr(c->text, "@include"))
            CHECK_STR(match->file, "case.cfg");
        if (bb_test_failures != failures_before) {
            fprintf(stderr, "  in bad case %d (want %s at line %d: \"%s\"), got:\n", i,
                    c->severity == BB_ERROR ? "error" : "warning", c->line, c->words[0]);
            bb_diag_print(diags, stderr);
        }
        bb_config_destroy(cfg);
        bb_diag_list_destroy(diags);
    }
}

static bb_config *load_ok(const char *text, bb_diag_list *diags)
{
    bb_config *cfg = bb_config_load_string(text, "good.cfg", data_dir(), diags);
    CHECK(cfg != NULL);
    if (bb_diag_count(diags)) {
        fprintf(stderr, "unexpected problems in a good config:\n");
        bb_diag_print(diags, stderr);
    }
    CHECK_INT(bb_diag_count(diags), 0);
    return cfg;
}

static void test_defaults(void)
{
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = load_ok(V, diags);
    if (cfg) {
        CHECK_INT(cfg->version, 1);
        CHECK_INT(cfg->display.width, 0);
        CHECK_INT(cfg->display.height, 0);
        CHECK(cfg->display.fullscreen);
        CHECK_INT(cfg->display.rotation, 0);
        CHECK(cfg->display.safe_area_percent == 0.0);
        CHECK_INT(cfg->display.theme, BB_THEME_DARK);
        CHECK_INT(cfg->display.palette.background, 0x101820);
        CHECK(cfg->display.fonts.n >= 1);
        CHECK(cfg->display.time_zone == NULL);
        CHECK(cfg->display.tz != NULL);
        CHECK_INT(cfg->cycle.default_duration_ms, BB_DEFAULT_SLIDE_DURATION_S * 1000);
        CHECK_INT(cfg->cycle.transition, BB_TRANSITION_FADE);
        CHECK_INT(cfg->cycle.transition_ms, BB_DEFAULT_TRANSITION_MS);
        CHECK(cfg->footer.enabled && cfg->footer.clock && cfg->footer.ticker);
        CHECK(cfg->footer.logo == NULL);
        CHECK_INT(cfg->timing.imminent_s, 300);
        CHECK_INT(cfg->timing.agenda_grace_s, BB_DEFAULT_AGENDA_GRACE_S);
        CHECK(!cfg->replay.enabled);
        CHECK(cfg->replay.speed == 1.0);
        CHECK(!cfg->kiosk_lock);
        CHECK_INT(cfg->n_talks, 0);
        CHECK_INT(cfg->n_slides, 0);
        CHECK_INT(cfg->files.n, 0);
        CHECK_STR(cfg->path, "good.cfg");
        CHECK(cfg->base_dir && cfg->base_dir[0] == '/');
    }
    bb_config_destroy(cfg);

    bb_config *def = bb_config_create_default();
    CHECK(def != NULL);
    if (def) {
        CHECK_INT(def->cycle.default_duration_ms, BB_DEFAULT_SLIDE_DURATION_S * 1000);
        CHECK(def->display.tz != NULL);
    }
    bb_config_destroy(def);
    bb_config_destroy(NULL);
    bb_diag_list_destroy(diags);
}

static void test_display_and_palette(void)
{
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = load_ok(V "display = { width = 1080; height = 1920; fullscreen = false;\n"
                               "  rotation = 90; safe_area = 2.5; theme = \"light\";\n"
                               "  colors = { accent = \"#003366\"; panel = \"#F0F0F0\"; };\n"
                               "  fonts = [ \"Noto Sans\", \"Noto Sans CJK SC\", \"DejaVu Sans\" ];\n"
                               "  time_zone = \"America/New_York\"; };\n"
                               "cycle = { duration = 12; transition = \"slide\"; transition_time = 0.6; };\n"
                               "footer = { enabled = true; clock = false; ticker = false; logo = \"pixel.png\"; };\n"
                               "timing = { imminent = 120.0; agenda_grace = 600; };\n"
                               "kiosk = { lock = true; };\n",
                             diags);
    if (cfg) {
        CHECK_INT(cfg->display.width, 1080);
        CHECK_INT(cfg->display.height, 1920);
        CHECK(!cfg->display.fullscreen);
        CHECK_INT(cfg->display.rotation, 90);
        CHECK(cfg->display.safe_area_percent == 2.5);
        CHECK_INT(cfg->display.theme, BB_THEME_LIGHT);
        bb_palette light;
        bb_palette_for_theme(BB_THEME_LIGHT, &light);
        CHECK_INT(cfg->display.palette.accent, 0x003366);
        CHECK_INT(cfg->display.palette.panel, 0xF0F0F0);
        CHECK_INT(cfg->display.palette.background, light.background);
        CHECK_INT(cfg->display.palette.text, light.text);
        CHECK_INT(cfg->display.fonts.n, 3);
        if (cfg->display.fonts.n == 3)
            CHECK_STR(cfg->display.fonts.v[1], "Noto Sans CJK SC");
        CHECK_STR(cfg->display.time_zone, "America/New_York");
        CHECK_STR(bb_tz_name(cfg->display.tz), "America/New_York");
        CHECK_INT(cfg->cycle.default_duration_ms, 12000);
        CHECK_INT(cfg->cycle.transition, BB_TRANSITION_SLIDE);
        CHECK_INT(cfg->cycle.transition_ms, 600);
        CHECK(cfg->footer.enabled && !cfg->footer.clock && !cfg->footer.ticker);
        CHECK(cfg->footer.logo && cfg->footer.logo[0] == '/');
        CHECK(cfg->footer.logo && strstr(cfg->footer.logo, "/config/pixel.png"));
        CHECK_INT(cfg->timing.imminent_s, 120);
        CHECK_INT(cfg->timing.agenda_grace_s, 600);
        CHECK(cfg->kiosk_lock);
    }
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

static void test_themes_contrast(void)
{
    CHECK(bb_contrast_ratio(0x000000, 0xFFFFFF) > 20.99 && bb_contrast_ratio(0x000000, 0xFFFFFF) < 21.01);
    CHECK(bb_contrast_ratio(0x123456, 0x123456) == 1.0);
    /* WebAIM: #777777 on white is 4.48:1, symmetric in its arguments. */
    double grey = bb_contrast_ratio(0x777777, 0xFFFFFF);
    CHECK(grey > 4.47 && grey < 4.49);
    CHECK(bb_contrast_ratio(0xFFFFFF, 0x777777) == grey);
    /* #0000FF on white is 8.59:1. */
    double blue = bb_contrast_ratio(0x0000FF, 0xFFFFFF);
    CHECK(blue > 8.58 && blue < 8.60);

    for (int t = 0; t < BB_THEME_COUNT; t++) {
        bb_palette p;
        bb_palette_for_theme((bb_theme)t, &p);
        const bb_rgb texts[] = {p.text, p.heading, p.accent, p.muted, p.alert};
        for (int i = 0; i < 5; i++) {
            CHECK(bb_contrast_ratio(texts[i], p.background) >= BB_MIN_CONTRAST);
            CHECK(bb_contrast_ratio(texts[i], p.panel) >= BB_MIN_CONTRAST);
        }
    }
    CHECK_STR(bb_theme_name(BB_THEME_LIGHT), "light");
}

static void test_talk_instants(void)
{
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = load_ok(
        V "display = { time_zone = \"Europe/Zurich\"; };\n"
          "talks = (\n"
          "  { id = \"geneva\"; title = \"SSD\"; start = \"2022-01-10T09:00\"; zone = \"Europe/Zurich\";\n"
          "    duration_min = 240; participants = [ \"Wendy Sherman\", \"Sergei Ryabkov\" ];\n"
          "    topics = [ \"arms control\" ]; forum = \"SSD\"; venue = \"Geneva\"; room = \"R1\"; track = \"T\"; },\n"
          "  { id = \"brussels-summer\"; title = \"B\"; start = \"2022-07-12T10:00\"; zone = \"Europe/Brussels\";\n"
          "    end = \"2022-07-12T11:30\"; },\n"
          "  { id = \"ny-fold\"; title = \"NY\"; start = \"2022-11-06T01:30-04:00\"; zone = \"America/New_York\"; },\n"
          "  { id = \"sydney\"; title = \"S\"; start = \"2022-01-10T09:00\"; zone = \"Australia/Sydney\"; },\n"
          "  { id = \"kolkata\"; title = \"K\"; start = \"2022-01-10T09:00\"; zone = \"Asia/Kolkata\"; },\n"
          "  { id = \"offset-only\"; title = \"O\"; start = \"2022-01-09T19:00:00+01:00\"; },\n"
          "  { id = \"screen-zone\"; title = \"D\"; start = \"2022-03-09T00:00\"; status = \"postponed\"; },\n"
          "  { id = \"tba\"; title = \"T\"; status = \"cancelled\"; }\n"
          ");\n",
        diags);
    CHECK(cfg && cfg->n_talks == 8);
    if (cfg && cfg->n_talks == 8) {
        const bb_talk *t = cfg->talks;
        CHECK(t[0].has_start);
        CHECK_INT(t[0].start, 1641801600);            /* 2022-01-10T08:00:00Z */
        CHECK_INT(t[0].end - t[0].start, 240 * 60);
        CHECK_STR(bb_tz_name(t[0].tz), "Europe/Zurich");
        CHECK_INT(t[0].participants.n, 2);
        CHECK_STR(t[0].participants.v[1], "Sergei Ryabkov");
        CHECK_STR(t[0].topics.v[0], "arms control");
        CHECK_STR(t[0].forum, "SSD");
        CHECK_STR(t[0].venue, "Geneva");
        CHECK_STR(t[0].room, "R1");
        CHECK_STR(t[0].track, "T");
        CHECK_STR(t[0].src.file, "good.cfg");
        CHECK_INT(t[0].src.line, 4);
        CHECK_INT(t[1].start, 1657612800);            /* CEST: 08:00Z */
        CHECK_INT(t[1].end - t[1].start, 90 * 60);
        CHECK_INT(t[2].start, 1667712600);            /* EDT, first pass: 05:30Z */
        CHECK_INT(t[3].start, 1641765600);            /* AEDT +11: 2022-01-09T22:00Z */
        CHECK_INT(t[4].start, 1641785400);            /* IST +05:30: 03:30Z */
        CHECK_INT(t[5].start, 1641751200);            /* 18:00Z */
        CHECK_STR(bb_tz_name(t[5].tz), "UTC+01:00");
        CHECK_INT(t[5].end - t[5].start, BB_DEFAULT_TALK_MINUTES * 60);
        CHECK_INT(t[6].start, 1646780400);            /* screen zone (CET): 2022-03-08T23:00Z */
        CHECK_STR(bb_tz_name(t[6].tz), "Europe/Zurich");
        CHECK_INT(t[6].status, BB_STATUS_POSTPONED);
        CHECK(!t[7].has_start && !t[7].has_expected_by);
        CHECK_INT(t[7].status, BB_STATUS_CANCELLED);
        CHECK_STR(bb_talk_status_name(t[7].status), "cancelled");
        CHECK_INT(bb_config_find_talk(cfg, "kolkata"), 4);
        CHECK_INT(bb_config_find_talk(cfg, "nope"), -1);
    }
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

static void test_expected_by(void)
{
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = load_ok(
        V "talks = (\n"
          "  { id = \"window\"; title = \"US-Russia talks\"; zone = \"Europe/Moscow\";\n"
          "    expected_by = { from = \"2025-02-22\"; within_days = 14; }; },\n"
          "  { id = \"date\"; title = \"D\"; zone = \"Europe/Zurich\"; expected_by = \"2025-03-08\"; },\n"
          "  { id = \"leap\"; title = \"L\"; zone = \"Europe/Zurich\";\n"
          "    expected_by = { from = \"2024-02-20\"; within_days = 10; }; }\n"
          ");\n",
        diags);
    CHECK(cfg && cfg->n_talks == 3);
    if (cfg && cfg->n_talks == 3) {
        const bb_talk *w = &cfg->talks[0];
        CHECK(w->has_expected_by && !w->has_start);
        CHECK_INT(w->expected_by.year, 2025);
        CHECK_INT(w->expected_by.month, 3);
        CHECK_INT(w->expected_by.day, 8);
        CHECK_INT(w->expected_from.month, 2);
        CHECK_INT(w->expected_from.day, 22);
        CHECK_STR(bb_tz_name(w->tz), "Europe/Moscow");
        const bb_talk *d = &cfg->talks[1];
        CHECK(d->has_expected_by);
        CHECK_INT(d->expected_by.day, 8);
        CHECK_INT(d->expected_from.year, 0);
        const bb_talk *l = &cfg->talks[2];
        CHECK_INT(l->expected_by.month, 3);           /* Feb 20 + 10 in a leap year */
        CHECK_INT(l->expected_by.day, 1);
    }
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

static void test_slides(void)
{
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = load_ok(
        V "display = { time_zone = \"Europe/Zurich\"; };\n"
          "talks = ( { id = \"ssd\"; title = \"SSD\"; start = \"2022-01-10T09:00\"; } );\n"
          "slides = (\n"
          "  { type = \"takeaways\"; heading = \"Key Takeaways\"; items = [ \"one\", \"two\" ];\n"
          "    source = \"ISW\"; date = \"2025-02-22\"; duration = 15; },\n"
          "  { type = \"stat\"; figure = \"110 million\"; caption = \"displaced\"; source = \"Wilson\";\n"
          "    enabled = false; duration = 7.5; },\n"
          "  { type = \"quote\"; text = \"nuclear war cannot be won\";\n"
          "    original = \"в ядерной войне не может быть победителей\"; attribution = \"Biden, Putin\"; },\n"
          "  { type = \"countdown\"; talk = \"ssd\"; show_from = \"2022-01-09\"; show_until = \"2022-01-10\"; },\n"
          "  { type = \"agenda\"; title = \"Next\"; max_rows = 4; },\n"
          "  { type = \"image\"; file = \"pixel.png\"; caption = \"A pixel\";\n"
          "    show_from = \"2022-01-09T18:00:00Z\"; }\n"
          ");\n",
        diags);
    CHECK(cfg && cfg->n_slides == 6);
    if (cfg && cfg->n_slides == 6) {
        const bb_slide *s = cfg->slides;
        CHECK_INT(s[0].type, BB_SLIDE_TAKEAWAYS);
        CHECK_STR(s[0].heading, "Key Takeaways");
        CHECK_INT(s[0].items.n, 2);
        CHECK_STR(s[0].items.v[1], "two");
        CHECK_STR(s[0].source, "ISW");
        CHECK(s[0].has_date);
        CHECK_INT(s[0].date.day, 22);
        CHECK_INT(s[0].duration_ms, 15000);
        CHECK(s[0].enabled);
        CHECK_INT(s[0].src.line, 5);
        CHECK_INT(s[1].type, BB_SLIDE_STAT);
        CHECK_STR(s[1].figure, "110 million");
        CHECK(!s[1].enabled);
        CHECK_INT(s[1].duration_ms, 7500);
        CHECK_STR(s[2].quote, "nuclear war cannot be won");
        CHECK_STR(s[2].original, "в ядерной войне не может быть победителей");
        CHECK_STR(s[2].attribution, "Biden, Putin");
        CHECK_INT(s[2].duration_ms, 0);
        CHECK_INT(s[3].type, BB_SLIDE_COUNTDOWN);
        CHECK_INT(s[3].talk_index, 0);
        CHECK(s[3].has_show_from && s[3].has_show_until);
        CHECK_INT(s[3].show_from, 1641682800);        /* 2022-01-09T00:00+01:00 */
        CHECK_INT(s[3].show_until, 1641855600);       /* through Jan 10: Jan 11 00:00+01:00 */
        CHECK_INT(s[4].max_rows, 4);
        CHECK_STR(s[4].title, "Next");
        CHECK(s[4].room_filter == NULL);
        CHECK(s[5].image && s[5].image[0] == '/' && strstr(s[5].image, "config/pixel.png"));
        CHECK_INT(s[5].show_from, 1641751200);
        CHECK_INT(s[0].talk_index, -1);
        CHECK_STR(bb_slide_type_name(s[4].type), "agenda");
    }
    CHECK_STR(bb_transition_name(BB_TRANSITION_CUT), "cut");
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

static void test_clock_and_misc(void)
{
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = load_ok(V "display = { time_zone = \"Europe/Zurich\"; };\n"
                               "clock = { start = \"2022-01-09T19:00\"; speed = 60; };\n",
                             diags);
    if (cfg) {
        CHECK(cfg->replay.enabled);
        CHECK_INT(cfg->replay.start, 1641751200);     /* 19:00 CET = 18:00Z */
        CHECK(cfg->replay.speed == 60.0);
    }
    bb_config_destroy(cfg);

    /* Santiago skips 00:00-01:00 on 2022-09-11: a bare date starts at the jump
     * (04:00Z); an empty optional string is "not given". */
    /* Empty optional strings: the default zone, colour and no logo. */
    cfg = load_ok(V "display = { time_zone = \"\"; colors = { text = \"\"; }; };\n"
                    "footer = { logo = \"\"; };\n"
                    "talks = ( { id = \"a\"; title = \"A\"; zone = \"\"; venue = \"\"; } );\n",
                  diags);
    if (cfg) {
        CHECK(cfg->display.time_zone == NULL);
        CHECK_INT(cfg->display.palette.text, 0xF4F4F4);
        CHECK(cfg->footer.logo == NULL);
        CHECK(cfg->talks[0].venue == NULL);
        CHECK(cfg->talks[0].tz == cfg->display.tz);
    }
    bb_config_destroy(cfg);

    cfg = load_ok(V "display = { time_zone = \"America/Santiago\"; };\n"
                    "talks = ( { id = \"a\"; title = \"A\"; forum = \"\"; } );\n"
                    "slides = ( { type = \"quote\"; text = \"T\"; show_from = \"2022-09-11\"; } );\n",
                  diags);
    if (cfg) {
        CHECK_INT(cfg->slides[0].show_from, 1662868800);
        CHECK(cfg->talks[0].forum == NULL);
    }
    bb_config_destroy(cfg);

    cfg = load_ok(V "clock = { start = \"2022-01-09T19:00:00+01:00\"; enabled = false; };\n", diags);
    if (cfg) {
        CHECK(!cfg->replay.enabled);
        CHECK_INT(cfg->replay.start, 1641751200);
    }
    bb_config_destroy(cfg);

    /* External schedules: kept in order as absolute paths (their talks are
     * imported: test_import checks those). */
    cfg = load_ok(V "schedules = ( { file = \"../import/schedule.xml\"; },\n"
                    "  { file = \"../import/schedule.json\"; } );\n", diags);
    if (cfg) {
        CHECK_INT(cfg->schedules.n, 2);
        if (cfg->schedules.n == 2) {
            CHECK(cfg->schedules.v[0][0] == '/' && strstr(cfg->schedules.v[0], "import/schedule.xml"));
            CHECK(strstr(cfg->schedules.v[1], "import/schedule.json") != NULL);
        }
    }
    bb_config_destroy(cfg);

    /* No base directory: relative paths resolve against the working one. */
    cfg = bb_config_load_string(V "footer = { logo = \"pixel.png\"; };\n", "cwd.cfg", NULL, diags);
    CHECK(cfg == NULL);
    CHECK_INT(bb_diag_count(diags), 1);
    bb_diag_clear(diags);
    char cwd[1024];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    CHECK_INT(chdir(data_dir()), 0);
    cfg = bb_config_load_string(V "footer = { logo = \"pixel.png\"; };\n", "cwd.cfg", NULL, diags);
    CHECK(cfg != NULL);
    CHECK_INT(bb_diag_count(diags), 0);
    if (cfg)
        CHECK(cfg->footer.logo && cfg->footer.logo[0] == '/');
    bb_config_destroy(cfg);
    CHECK_INT(chdir(cwd), 0);

    /* Every problem is reported, not just the first. */
    cfg = bb_config_load_string(V "cycle = { duration = 1; transition = \"wipe\"; };\n"
                                  "display = { rotation = 45; theme = \"blue\"; };\n"
                                  "slides = ( { type = \"countdown\"; talk = \"x\"; } );\n",
                                "many.cfg", data_dir(), diags);
    CHECK(cfg == NULL);
    CHECK_INT(bb_diag_count(diags), 5);
    CHECK_INT(bb_diag_error_count(diags), 5);
    /* Sorted by line. */
    for (int i = 1; i < bb_diag_count(diags); i++)
        CHECK(bb_diag_get(diags, i - 1)->line <= bb_diag_get(diags, i)->line);
    bb_diag_list_destroy(diags);
}

static void test_includes(void)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/with-include.cfg", data_dir());
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = bb_config_load_file(path, diags);
    CHECK(cfg != NULL);
    CHECK_INT(bb_diag_count(diags), 0);
    bb_diag_print(diags, stderr);
    if (cfg) {
        CHECK_INT(cfg->files.n, 3);
        if (cfg->files.n == 3) {
            CHECK_STR(cfg->files.v[0], path);
            CHECK(strstr(cfg->files.v[1], "/talks-include.cfg") != NULL);
            CHECK(strstr(cfg->files.v[2], "/more-talks.cfg") != NULL);
            CHECK(cfg->files.v[1][0] == '/');
        }
        CHECK_INT(cfg->n_talks, 2);
        CHECK_INT(bb_config_find_talk(cfg, "nested"), 1);
        CHECK_INT(cfg->n_slides, 1);
        if (cfg->n_slides == 1)
            CHECK_INT(cfg->slides[0].talk_index, 1);
        if (cfg->n_talks == 2) {
            CHECK_INT(cfg->talks[0].start, 1641978000); /* Brussels 10:00 CET */
            CHECK_INT(cfg->talks[1].start, 1642064400); /* Vienna 10:00 CET */
            CHECK(strstr(cfg->talks[0].src.file, "config/talks-include.cfg") != NULL);
            CHECK_INT(cfg->talks[0].src.line, 3);
            CHECK(strstr(cfg->talks[1].src.file, "config/more-talks.cfg") != NULL);
            CHECK_INT(cfg->talks[1].src.line, 1);
        }
    }
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

static void test_include_errors(void)
{
    char path[1200];
    bb_diag_list *diags = bb_diag_list_create();

    snprintf(path, sizeof path, "%s/bad-include.cfg", data_dir());
    bb_config *cfg = bb_config_load_file(path, diags);
    CHECK(cfg == NULL);
    CHECK_INT(bb_diag_count(diags), 2);
    if (bb_diag_count(diags) == 2) {
        const bb_diag *gap = bb_diag_get(diags, 0), *zone = bb_diag_get(diags, 1);
        CHECK(strstr(gap->file, "config/bad-talks.cfg") != NULL);
        CHECK_INT(gap->line, 5);
        CHECK_CONTAINS(gap->message, "does not exist in Europe/Zurich");
        CHECK(strstr(zone->file, "config/bad-talks.cfg") != NULL);
        CHECK_INT(zone->line, 7);
        CHECK_CONTAINS(zone->message, "unknown time zone 'Europe/Geneva'");
    }
    bb_diag_clear(diags);

    snprintf(path, sizeof path, "%s/syntax-include.cfg", data_dir());
    cfg = bb_config_load_file(path, diags);
    CHECK(cfg == NULL);
    CHECK_INT(bb_diag_count(diags), 1);
    if (bb_diag_count(diags) == 1) {
        const bb_diag *d = bb_diag_get(diags, 0);
        CHECK(strstr(d->file, "config/syntax-error.cfg") != NULL);
        CHECK_INT(d->line, 3);
        CHECK_CONTAINS(d->message, "syntax error");
    }
    bb_diag_clear(diags);

    cfg = bb_config_load_file("/nonexistent/briefboard.cfg", diags);
    CHECK(cfg == NULL);
    CHECK_INT(bb_diag_count(diags), 1);
    if (bb_diag_count(diags) == 1) {
        CHECK_STR(bb_diag_get(diags, 0)->file, "/nonexistent/briefboard.cfg");
        CHECK_CONTAINS(bb_diag_get(diags, 0)->message, "No such file");
    }
    bb_diag_list_destroy(diags);
}

/* The bundled sample must load with no problem at all: --check on it prints
 * nothing (docs/config.md, "Checking a file"). */
static void test_sample(void)
{
    const char *src = getenv("BB_SOURCE_DIR");
    char path[1200];
    snprintf(path, sizeof path, "%s/config/briefboard.cfg", src ? src : ".");
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = bb_config_load_file(path, diags);
    CHECK(cfg != NULL);
    CHECK_INT(bb_diag_count(diags), 0);
    bb_diag_print(diags, stderr);
    if (cfg) {
        int geneva = bb_config_find_talk(cfg, "ssd-geneva");
        int brussels = bb_config_find_talk(cfg, "nato-russia-council");
        int vienna = bb_config_find_talk(cfg, "osce-vienna");
        int later = bb_config_find_talk(cfg, "us-russia-2025");
        CHECK(geneva >= 0 && brussels >= 0 && vienna >= 0 && later >= 0);
        /* 09:00 CET in Geneva, 10:00 CET in Brussels and Vienna. */
        if (geneva >= 0) {
            CHECK_STR(bb_tz_name(cfg->talks[geneva].tz), "Europe/Zurich");
            CHECK_INT(cfg->talks[geneva].start, 1641801600);
        }
        if (brussels >= 0) {
            CHECK_STR(bb_tz_name(cfg->talks[brussels].tz), "Europe/Brussels");
            CHECK_INT(cfg->talks[brussels].start, 1641978000);
        }
        if (vienna >= 0) {
            CHECK_STR(bb_tz_name(cfg->talks[vienna].tz), "Europe/Vienna");
            CHECK_INT(cfg->talks[vienna].start, 1642064400);
        }
        /* Sunday 9 January 2022, 19:00 in Geneva. */
        CHECK_INT(cfg->replay.start, 1641751200);
        CHECK_STR(cfg->display.time_zone, "Europe/Zurich");
        CHECK(cfg->footer.logo != NULL);
        if (later >= 0) {
            CHECK(cfg->talks[later].has_expected_by);
            CHECK_INT(cfg->talks[later].expected_by.month, 3);
            CHECK_INT(cfg->talks[later].expected_by.day, 8);
        }
        CHECK(cfg->replay.enabled);
        bool seen[BB_SLIDE_TYPE_COUNT] = {false};
        for (int i = 0; i < cfg->n_slides; i++)
            seen[cfg->slides[i].type] = true;
        /* Every type but the feed: the sample's sources are no feeds
         * (tests/data/feed and docs/content.md show one). */
        for (int t = 0; t < BB_SLIDE_TYPE_COUNT; t++)
            if (t != BB_SLIDE_FEED)
                CHECK(seen[t]);
    }
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

static void test_find(void)
{
    char *p = bb_config_find("given.cfg");
    CHECK_STR(p, "given.cfg");
    free(p);

    setenv("BRIEFBOARD_CONFIG", "/from/env.cfg", 1);
    p = bb_config_find(NULL);
    CHECK_STR(p, "/from/env.cfg");
    free(p);
    setenv("BRIEFBOARD_CONFIG", "", 1);

    /* ./config/briefboard.cfg when it exists, else /etc. */
    char cwd[1024];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    char tmp[] = "/tmp/bb_find_XXXXXX";
    CHECK(mkdtemp(tmp) != NULL);
    CHECK_INT(chdir(tmp), 0);
    p = bb_config_find(NULL);
    CHECK_STR(p, "/etc/briefboard/briefboard.cfg");
    free(p);
    CHECK_INT(mkdir("config", 0700), 0);
    FILE *f = fopen("config/briefboard.cfg", "w");
    CHECK(f != NULL);
    if (f)
        fclose(f);
    p = bb_config_find(NULL);
    CHECK_STR(p, "./config/briefboard.cfg");
    free(p);
    unlink("config/briefboard.cfg");
    rmdir("config");
    CHECK_INT(chdir(cwd), 0);
    rmdir(tmp);
    unsetenv("BRIEFBOARD_CONFIG");
}

/* A text setting past BB_MAX_TEXT_BYTES is refused at its line (laying out
 * megabytes would stall the display); one at the limit loads. */
static void test_text_limit(void)
{
    for (int over = 0; over <= 1; over++) {
        size_t n = (size_t)BB_MAX_TEXT_BYTES + (size_t)over;
        char *heading = malloc(n + 1);
        char *text = malloc(2 * n + 256);
        if (!heading || !text) {
            CHECK(!"out of memory");
            free(heading);
            free(text);
            return;
        }
        memset(heading, 'x', n);
        heading[n] = '\0';
        snprintf(text, 2 * n + 256,
                 "version = 1;\nslides = ( { type = \"takeaways\";\n  heading = \"%s\";\n"
                 "  items = [ \"a\", \"%s\" ]; } );\n", heading, over ? "b" : heading);
        bb_diag_list *d = bb_diag_list_create();
        bb_config *cfg = bb_config_load_string(text, "limit.cfg", NULL, d);
        if (over) {
            CHECK(cfg == NULL);
            CHECK_INT(bb_diag_error_count(d), 1);
            const bb_diag *e = bb_diag_count(d) > 0 ? bb_diag_get(d, 0) : NULL;
            CHECK_INT(e ? e->line : -1, 3);
            CHECK_CONTAINS(e ? e->message : NULL, "'heading' is 4001 bytes long");
        } else {
            CHECK(cfg != NULL);
            CHECK_INT(bb_diag_error_count(d), 0);
            if (bb_diag_error_count(d))
                bb_diag_print(d, stderr);
        }
        bb_config_destroy(cfg);
        bb_diag_list_destroy(d);
        free(heading);
        free(text);
    }
}
