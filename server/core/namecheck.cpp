// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/namecheck.h"

#include "core/logging.h"

#include <unicode/unorm2.h>
#include <unicode/uset.h>
#include <unicode/uspoof.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace sori::server::names {

namespace {

struct CheckerDeleter
{
    void operator()(USpoofChecker *checker) const { uspoof_close(checker); }
};

// Made once; ICU's check and skeleton functions may then be called from any thread at once.
const USpoofChecker *checker()
{
    static const std::unique_ptr<USpoofChecker, CheckerDeleter> instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<USpoofChecker, CheckerDeleter> made(uspoof_open(&status));
        uspoof_setRestrictionLevel(made.get(), USPOOF_HIGHLY_RESTRICTIVE);
        // The recommended set lacks the punctuation names have always allowed.
        USet *allowed = uset_cloneAsThawed(uspoof_getRecommendedSet(&status));
        for (const UChar32 c : {U'-', U'_', U'.'})
            uset_add(allowed, c);
        uspoof_setAllowedChars(made.get(), allowed, &status);
        uset_close(allowed);
        uspoof_setChecks(made.get(),
                         USPOOF_RESTRICTION_LEVEL | USPOOF_CHAR_LIMIT | USPOOF_INVISIBLE
                             | USPOOF_MIXED_NUMBERS,
                         &status);
        if (U_FAILURE(status))
            qCCritical(lcHub) << "ICU's spoof checker failed to start:" << u_errorName(status);
        return made;
    }();
    return instance.get();
}

const UChar *utf16(const QString &text)
{
    return reinterpret_cast<const UChar *>(text.utf16());
}

QString icuSkeleton(const QString &text, UErrorCode *status)
{
    QString out(text.size() * 4 + 16, Qt::Uninitialized);
    int32_t length =
        uspoof_getSkeleton(checker(), 0, utf16(text), int32_t(text.size()),
                           reinterpret_cast<UChar *>(out.data()), int32_t(out.size()), status);
    if (*status == U_BUFFER_OVERFLOW_ERROR) {
        *status = U_ZERO_ERROR;
        out.resize(length);
        length =
            uspoof_getSkeleton(checker(), 0, utf16(text), int32_t(text.size()),
                               reinterpret_cast<UChar *>(out.data()), int32_t(out.size()), status);
    }
    out.resize(U_SUCCESS(*status) ? length : 0);
    return out;
}

QString nfkcCaseFolded(const QString &text, UErrorCode *status)
{
    const UNormalizer2 *normalizer = unorm2_getNFKCCasefoldInstance(status);
    if (U_FAILURE(*status))
        return {};
    QString out(text.size() * 4 + 16, Qt::Uninitialized);
    int32_t length =
        unorm2_normalize(normalizer, utf16(text), int32_t(text.size()),
                         reinterpret_cast<UChar *>(out.data()), int32_t(out.size()), status);
    if (*status == U_BUFFER_OVERFLOW_ERROR) {
        *status = U_ZERO_ERROR;
        out.resize(length);
        length =
            unorm2_normalize(normalizer, utf16(text), int32_t(text.size()),
                             reinterpret_cast<UChar *>(out.data()), int32_t(out.size()), status);
    }
    out.resize(U_SUCCESS(*status) ? length : 0);
    return out;
}

} // namespace

QString normalized(const QString &name)
{
    return name.normalized(QString::NormalizationForm_C);
}

Problem problem(const QString &name)
{
    UErrorCode status = U_ZERO_ERROR;
    const int32_t result =
        uspoof_check2(checker(), utf16(name), int32_t(name.size()), nullptr, &status);
    if (U_FAILURE(status)) {
        qCWarning(lcHub) << "ICU cannot check a name:" << u_errorName(status);
        return Problem::Characters; // refused rather than let through unchecked
    }
    if (result & (USPOOF_CHAR_LIMIT | USPOOF_INVISIBLE))
        return Problem::Characters;
    if (result & (USPOOF_RESTRICTION_LEVEL | USPOOF_MIXED_NUMBERS))
        return Problem::MixedScripts;
    return Problem::None;
}

QString explain(Problem problem, const QString &name)
{
    switch (problem) {
    case Problem::None:
        break;
    case Problem::Characters:
        return u"\"%1\" has characters that imitate others (fullwidth or mathematical letters, "
               "say); use ordinary letters."_s.arg(name);
    case Problem::MixedScripts:
        return u"\"%1\" mixes alphabets that can imitate each other (Latin with Cyrillic, "
               "say); use one."_s.arg(name);
    }
    return {};
}

QString skeleton(const QString &name)
{
    // Skeleton first: it maps 'I' to 'l', which case folding alone would turn into 'i'.
    // Then NFKC with case folding (fullwidth and mathematical letters, 'A' and 'a'), whose
    // output may hold new confusables: its skeleton is the key.
    UErrorCode status = U_ZERO_ERROR;
    const QString first = icuSkeleton(name, &status);
    const QString folded = nfkcCaseFolded(first, &status);
    const QString key = icuSkeleton(folded, &status);
    if (U_FAILURE(status)) {
        qCWarning(lcHub) << "ICU cannot make a skeleton:" << u_errorName(status);
        return {};
    }
    return key;
}

} // namespace sori::server::names
