/* am-graphml-reader-errors.c: the parser's complaints in our words, and
 * values cut short for messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libxml2 speaks of its own functions and options ("use XML_PARSE_HUGE
 * option"), in English only. Each error a file can cause is told here as
 * what is wrong with the file, translated.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "am-graphml-reader-private.h"

/* The deepest nesting libxml2 reads without XML_PARSE_HUGE. */
#define MAX_DEPTH 256

static gboolean
is_hidden_control (gunichar c)
{
  /* Line breaks, escapes and the characters that turn text around would
   * make a message say something else than it does. */
  return g_unichar_iscntrl (c) || c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

const char *
am_graphml_cut (const char *text,
                char        buffer[AM_GRAPHML_CUT_SIZE])
{
  const char *p = text;
  char *out = buffer;
  guint n = 0;

  if (text == NULL)
    return "";

  while (*p != '\0' && n < AM_GRAPHML_CUT_CHARS)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          out += g_unichar_to_utf8 (0xFFFD, out);
          p++;
        }
      else
        {
          out += g_unichar_to_utf8 (is_hidden_control (c) ? 0xFFFD : c, out);
          p = g_utf8_next_char (p);
        }
      n++;
    }

  if (*p != '\0')
    out += g_unichar_to_utf8 (0x2026, out);
  *out = '\0';

  return buffer;
}

/* libxml2's own words for what it met, where it gives them, cut short. */
static const char *
error_name (const xmlError *error,
            char            buffer[AM_GRAPHML_CUT_SIZE])
{
  return am_graphml_cut (error->str1 != NULL ? error->str1 : "", buffer);
}

char *
am_graphml_describe_xml_error (const xmlError *error)
{
  char name[AM_GRAPHML_CUT_SIZE];

  switch (error->code)
    {
    case XML_ERR_NO_MEMORY:
      return g_strdup (_("there is not enough memory to read on"));
    case XML_ERR_INTERNAL_ERROR:
      if (error->message != NULL && strstr (error->message, "depth") != NULL)
        return g_strdup_printf (_("elements are nested deeper than %d levels"), MAX_DEPTH);
      return g_strdup (_("the file cannot be read past this point"));
    case XML_ERR_DOCUMENT_START:
    case XML_ERR_DOCUMENT_EMPTY:
      return g_strdup (_("the file does not start as an XML document"));
    case XML_ERR_DOCUMENT_END:
    case XML_ERR_EXTRA_CONTENT:
      return g_strdup (_("there is more after the end of the document"));
    case XML_ERR_INVALID_HEX_CHARREF:
    case XML_ERR_INVALID_DEC_CHARREF:
    case XML_ERR_CHARREF_AT_EOF:
      return g_strdup (_("a character reference is malformed"));
    case XML_ERR_INVALID_CHARREF:
      return g_strdup_printf (_("a character reference to an invalid character (U+%04X)"),
                              (guint) error->int1);
    case XML_ERR_INVALID_CHAR:
      if (error->message != NULL && strstr (error->message, "CharRef") != NULL)
        return g_strdup_printf (_("a character reference to an invalid character (U+%04X)"),
                                (guint) error->int1);
      if (error->message != NULL && strstr (error->message, "UTF-8") != NULL)
        return g_strdup (_("the text is not in the encoding the file declares"));
      return g_strdup (_("a character that XML does not allow"));
    case XML_ERR_INVALID_ENCODING:
      return g_strdup (_("the text is not in the encoding the file declares"));
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
      return g_strdup_printf (_("the file’s encoding “%s” is not known"),
                              error_name (error, name));
    case XML_ERR_ENCODING_NAME:
    case XML_ERR_MISSING_ENCODING:
      return g_strdup (_("the file’s encoding is not named correctly"));
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      return g_strdup_printf (_("the entity “%s” is not declared"), error_name (error, name));
    case XML_ERR_ENTITY_LOOP:
      /* Also what libxml2 says of entities that grow too fast. */
      return g_strdup (_("entities refer to themselves or expand too far"));
    case XML_ERR_ENTITY_IS_EXTERNAL:
    case XML_ERR_UNPARSED_ENTITY:
      return g_strdup_printf (_("the entity “%s” refers to another file, which is not read"),
                              error_name (error, name));
    case XML_ERR_ENTITY_PROCESSING:
    case XML_ERR_ENTITY_BOUNDARY:
    case XML_ERR_ENTITY_CHAR_ERROR:
    case XML_ERR_ENTITY_PE_INTERNAL:
    case XML_ERR_ENTITY_IS_PARAMETER:
      return g_strdup (_("an entity’s text is not well-formed where it is used"));
    case XML_ERR_ENTITYREF_NO_NAME:
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
    case XML_ERR_PEREF_NO_NAME:
    case XML_ERR_PEREF_SEMICOL_MISSING:
      return g_strdup (_("an “&” starts no entity reference; write it as “&amp;”"));
    case XML_ERR_LT_IN_ATTRIBUTE:
      return g_strdup (_("an attribute value holds a “<”"));
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
    case XML_ERR_STRING_NOT_STARTED:
    case XML_ERR_STRING_NOT_CLOSED:
    case XML_ERR_LITERAL_NOT_STARTED:
    case XML_ERR_LITERAL_NOT_FINISHED:
    case XML_ERR_EQUAL_REQUIRED:
      return g_strdup (_("an attribute is not written as name=\"value\""));
    case XML_ERR_ATTRIBUTE_REDEFINED:
      return g_strdup_printf (_("the attribute “%s” is given twice"), error_name (error, name));
    case XML_ERR_TAG_NAME_MISMATCH:
      return g_strdup_printf (_("the element <%s> is closed by another’s end tag"),
                              error_name (error, name));
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_LTSLASH_REQUIRED:
      return g_strdup_printf (_("the element <%s> is never closed"), error_name (error, name));
    case XML_ERR_GT_REQUIRED:
    case XML_ERR_LT_REQUIRED:
    case XML_ERR_NAME_REQUIRED:
    case XML_ERR_SPACE_REQUIRED:
    case XML_ERR_SEPARATOR_REQUIRED:
    case XML_ERR_NMTOKEN_REQUIRED:
    case XML_ERR_PCDATA_REQUIRED:
    case XML_ERR_VALUE_REQUIRED:
    case XML_ERR_NOT_WELL_BALANCED:
      return g_strdup (_("a tag is malformed"));
    case XML_ERR_NAME_TOO_LONG:
      return g_strdup (_("a name is longer than XML allows"));
    case XML_ERR_COMMENT_NOT_FINISHED:
    case XML_ERR_HYPHEN_IN_COMMENT:
      return g_strdup (_("a comment is malformed or never closed"));
    case XML_ERR_PI_NOT_STARTED:
    case XML_ERR_PI_NOT_FINISHED:
    case XML_ERR_RESERVED_XML_NAME:
      return g_strdup (_("a processing instruction is malformed"));
    case XML_ERR_MISPLACED_CDATA_END:
    case XML_ERR_CDATA_NOT_FINISHED:
      return g_strdup (_("a CDATA section is malformed or never closed"));
    case XML_ERR_XMLDECL_NOT_STARTED:
    case XML_ERR_XMLDECL_NOT_FINISHED:
    case XML_ERR_VERSION_MISSING:
    case XML_ERR_UNKNOWN_VERSION:
    case XML_WAR_UNKNOWN_VERSION:
    case XML_ERR_STANDALONE_VALUE:
      return g_strdup (_("the XML declaration at the top is malformed"));
    case XML_ERR_DOCTYPE_NOT_FINISHED:
    case XML_ERR_ENTITY_NOT_STARTED:
    case XML_ERR_ENTITY_NOT_FINISHED:
    case XML_ERR_ATTLIST_NOT_STARTED:
    case XML_ERR_ATTLIST_NOT_FINISHED:
    case XML_ERR_ELEMCONTENT_NOT_STARTED:
    case XML_ERR_ELEMCONTENT_NOT_FINISHED:
    case XML_ERR_MIXED_NOT_STARTED:
    case XML_ERR_MIXED_NOT_FINISHED:
    case XML_ERR_NOTATION_NOT_STARTED:
    case XML_ERR_NOTATION_NOT_FINISHED:
    case XML_ERR_CONDSEC_NOT_STARTED:
    case XML_ERR_CONDSEC_NOT_FINISHED:
    case XML_ERR_CONDSEC_INVALID:
    case XML_ERR_CONDSEC_INVALID_KEYWORD:
    case XML_ERR_EXT_SUBSET_NOT_FINISHED:
    case XML_ERR_PEREF_AT_EOF:
    case XML_ERR_PEREF_IN_PROLOG:
    case XML_ERR_PEREF_IN_EPILOG:
    case XML_ERR_PEREF_IN_INT_SUBSET:
    case XML_ERR_URI_REQUIRED:
    case XML_ERR_PUBID_REQUIRED:
      return g_strdup (_("the document type declaration is malformed"));
    case XML_ERR_CHARREF_IN_PROLOG:
    case XML_ERR_CHARREF_IN_EPILOG:
    case XML_ERR_CHARREF_IN_DTD:
    case XML_ERR_ENTITYREF_AT_EOF:
    case XML_ERR_ENTITYREF_IN_PROLOG:
    case XML_ERR_ENTITYREF_IN_EPILOG:
    case XML_ERR_ENTITYREF_IN_DTD:
      return g_strdup (_("a reference stands outside the document’s elements"));
    case XML_WAR_ENTITY_REDEFINED:
      return g_strdup_printf (_("the entity “%s” is declared twice; the first is used"),
                              error_name (error, name));
    case XML_ERR_NS_DECL_ERROR:
    case XML_NS_ERR_XML_NAMESPACE:
    case XML_NS_ERR_UNDEFINED_NAMESPACE:
    case XML_NS_ERR_QNAME:
    case XML_NS_ERR_ATTRIBUTE_REDEFINED:
    case XML_NS_ERR_EMPTY:
    case XML_NS_ERR_COLON:
      return g_strdup_printf (_("a namespace prefix or declaration is wrong near “%s”"),
                              error_name (error, name));
    case XML_WAR_NS_URI:
    case XML_WAR_NS_URI_RELATIVE:
    case XML_WAR_NS_COLUMN:
      return g_strdup (_("a namespace name is not a valid URI"));
    case XML_WAR_LANG_VALUE:
    case XML_WAR_SPACE_VALUE:
      return g_strdup (_("an xml:lang or xml:space value is not valid"));
    default:
      return g_strdup_printf (_("the file is not well-formed XML here (error %d)"), error->code);
    }
}
