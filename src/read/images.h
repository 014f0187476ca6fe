/* images.h — what the reader learns from an image file's own bytes: that it
 * is a PNG or a JPEG (whatever its name says), and its size in pixels, read
 * from its header without decoding the picture. */
#ifndef MG_READ_IMAGES_H
#define MG_READ_IMAGES_H

#include "model/guide.h"

/* Fills im's media_type, width and height from its data and size.
 * Returns 0 for a PNG or JPEG file whose header gives a size, -1 otherwise. */
int mg_image_sniff(mg_image *im);

#endif
