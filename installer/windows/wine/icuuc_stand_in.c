/* A stand-in for Windows' own icuuc.dll, for checking the Windows build under Wine ONLY.
 *
 * Qt6Core.dll (PySide6's Windows wheel) imports 20 ucnv_* functions from icuuc.dll, the ICU that
 * Windows 10 (1703+) ships in System32.  Wine 8.0 has no icuuc.dll, so Qt cannot even load there.
 * This DLL goes into the Wine prefix's system32 (never into the bundle or the installer): every
 * converter is "not available", so QStringConverter falls back to its built-in UTF-8/UTF-16/
 * Latin-1 codecs -- all WebDesk uses.  Built by installer/windows/wine_check.py with mingw-w64:
 *   x86_64-w64-mingw32-gcc -shared -O2 -o icuuc.dll icuuc_stand_in.c
 */
#include <stdint.h>
#include <stddef.h>

typedef int UErrorCode;          /* ICU's enum; 16 = U_UNSUPPORTED_ERROR */
typedef uint16_t UChar;
typedef struct UConverter UConverter;
typedef void (*UConverterCallback)(void);

#define EXPORT __declspec(dllexport)
#define UNSUPPORTED 16

static void refuse(UErrorCode *err) { if (err != NULL && *err <= 0) *err = UNSUPPORTED; }

EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err) { (void)name; refuse(err); return NULL; }
EXPORT void ucnv_close(UConverter *c) { (void)c; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{ (void)name; (void)standard; refuse(err); return NULL; }
EXPORT const char *ucnv_getName(const UConverter *c, UErrorCode *err) { (void)c; refuse(err); return NULL; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *c) { (void)c; return 1; }
EXPORT void ucnv_reset(UConverter *c) { (void)c; }
EXPORT int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *err) { (void)c; refuse(err); return 0; }
EXPORT int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *err) { (void)c; refuse(err); return 0; }
EXPORT void ucnv_fromUnicode(UConverter *c, char **target, const char *targetLimit,
                             const UChar **source, const UChar *sourceLimit, int32_t *offsets,
                             int8_t flush, UErrorCode *err)
{ (void)c; (void)target; (void)targetLimit; (void)source; (void)sourceLimit; (void)offsets;
  (void)flush; refuse(err); }
EXPORT void ucnv_toUnicode(UConverter *c, UChar **target, const UChar *targetLimit,
                           const char **source, const char *sourceLimit, int32_t *offsets,
                           int8_t flush, UErrorCode *err)
{ (void)c; (void)target; (void)targetLimit; (void)source; (void)sourceLimit; (void)offsets;
  (void)flush; refuse(err); }
EXPORT void ucnv_getFromUCallBack(const UConverter *c, UConverterCallback *action, const void **context)
{ (void)c; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_getToUCallBack(const UConverter *c, UConverterCallback *action, const void **context)
{ (void)c; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_setFromUCallBack(UConverter *c, UConverterCallback action, const void *context,
                                  UConverterCallback *oldAction, const void **oldContext, UErrorCode *err)
{ (void)c; (void)action; (void)context; (void)oldAction; (void)oldContext; refuse(err); }
EXPORT void ucnv_setToUCallBack(UConverter *c, UConverterCallback action, const void *context,
                                UConverterCallback *oldAction, const void **oldContext, UErrorCode *err)
{ (void)c; (void)action; (void)context; (void)oldAction; (void)oldContext; refuse(err); }
EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *sourceLimit,
                                    int32_t offsetIndex, UErrorCode *err)
{ (void)args; (void)source; (void)sourceLimit; (void)offsetIndex; refuse(err); }
EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length,
                                  int32_t offsetIndex, UErrorCode *err)
{ (void)args; (void)source; (void)length; (void)offsetIndex; refuse(err); }
