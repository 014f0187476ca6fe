/* test_audio.c — the read-aloud stage's units: sentences wrapped in spans
 * (one kept whole when it starts inside an <em>), notes said at their
 * reference, images by their alt text; the SSML's marks; eSpeak's marks
 * in process; LAME's MP3 (frames, no tag); the SMIL's clips. */
#include "mgtest.h"

#include "audio/mp3.h"
#include "audio/overlay.h"
#include "audio/speech.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

static const char page[] =
	"<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><section>"
	"<h1 id=\"s1\">Dosage</h1>"
	"<p>Take one tablet. Dr. Lee says so.<sup><a role=\"doc-noteref\" href=\"#fn1\">1</a></sup> Then rest.</p>"
	"<p>Read <em>this. And</em> that. Done.</p>"
	"<figure><img src=\"a.png\" alt=\"A pill\"/></figure>"
	"<ul><li>One</li><li>Two <strong>items</strong></li></ul>"
	"<section class=\"footnotes\"><h2>Notes</h2><aside role=\"doc-footnote\" id=\"fn1\">"
	"<p><span class=\"note-label\">1.</span> A note. <a role=\"doc-backlink\" href=\"#r\">x</a></p>"
	"</aside></section></section></body></html>";

static void units(void)
{
	xmlDocPtr doc = xmlReadMemory(page, (int)strlen(page), NULL, NULL, 0);
	mg_units u;
	static const char *const said[] = {
		"Dosage", "Take one tablet.", "Dr. Lee says so.", "Note 1.", "A note.",
		"Then rest.", "Read this. And that.", "Done.", "Image: A pill",
		"One", "Two items",
	};
	mg_units_mark(doc, "en", &u);
	CHECK_INT(u.n, sizeof said / sizeof said[0]);
	for (size_t i = 0; i < u.n && i < sizeof said / sizeof said[0]; i++)
		CHECK_STR(u.u[i].say, said[i]);
	CHECK(u.n > 0 && strcmp(u.u[0].id, "s1") != 0);	/* s1 was taken */
	char *ssml = mg_units_ssml(&u);
	CHECK(strstr(ssml, "<s><mark name=\"0\"/>Dosage</s>") != NULL);
	CHECK(strstr(ssml, "<mark name=\"10\"/>Two items") != NULL);
	free(ssml);
	mg_units_release(&u);
	xmlFreeDoc(doc);
}

static void speech_mp3_smil(void)
{
	const char *ssml = "<speak><s><mark name=\"0\"/>Hello there.</s>"
			   "<s><mark name=\"1\"/>Take one tablet a day.</s></speak>";
	mg_speech sp;
	mg_mp3 m;
	char why[256];

	CHECK_INT(mg_speech_synth_here("en", NULL, ssml, 2, &sp, why, sizeof why), 0);
	CHECK_INT(sp.mark_ms[0], 0);
	CHECK(sp.mark_ms[1] > 300 && sp.mark_ms[1] * sp.rate / 1000 < (long)sp.nsamples);
	CHECK_INT(mg_mp3_encode(sp.pcm, sp.nsamples, sp.rate, &m, why, sizeof why), 0);
	CHECK(m.ms >= (long)(sp.nsamples * 1000 / sp.rate));
	CHECK(m.bytes.len > 4 && m.bytes.data[0] == 0xFF);	/* a frame, no ID3 */
	CHECK(m.bytes.len < (size_t)(m.ms * 32 / 8) + 1000);	/* 32 kb/s */

	mg_units u = { 0 };
	mg_unit two[2] = { { "a", (char *)"x" }, { "b", (char *)"y" } };
	u.u = two;
	u.n = 2;
	long begin[2] = { 0, 1234 };
	mg_clips c = { begin, m.ms };
	xmlChar *smil;
	size_t len;
	CHECK_INT(mg_overlay_smil(&u, &c, "ch01.xhtml", "audio/ch01.mp3", &smil, &len), 0);
	CHECK(strstr((char *)smil, "src=\"ch01.xhtml#b\"") != NULL);
	CHECK(strstr((char *)smil, "clipBegin=\"0:00:01.234\"") != NULL);
	xmlFree(smil);
	mg_bytes_release(&m.bytes);
	mg_speech_release(&sp);
}

int main(void)
{
	RUN(units);
	RUN(speech_mp3_smil);
	return MGT_DONE();
}
