namespace SparkRecs.Core.Data;

/// <summary>
/// Recognises keys written as a canonical non-negative decimal integer: one to
/// <see cref="MaxDigits"/> ASCII digits, no sign, no leading zero unless the key is exactly <c>"0"</c>.
/// </summary>
/// <remarks>
/// Canonical text and the number it denotes are in one-to-one correspondence (the number's
/// invariant-culture <c>ToString()</c> gives the text back, character for character), which is what
/// lets <see cref="KeyIndex"/> key such strings by their number without changing which keys are
/// equal: <c>"7"</c> is canonical, while <c>"007"</c>, <c>"+7"</c>, <c>"7.0"</c> and <c>" 7"</c> are
/// not, so each of them stays a distinct string key. Eighteen digits always fit in a <c>long</c>
/// (10^18 - 1 &lt; 2^63), so the parse needs no overflow check; longer digit strings are left to the
/// string path.
/// </remarks>
internal static class CanonicalDecimal
{
    /// <summary>The most digits a canonical key may have.</summary>
    public const int MaxDigits = 18;

    /// <summary>Parses <paramref name="text"/> when it is canonical; false (and 0) otherwise.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if ((uint)(text.Length - 1) >= MaxDigits)
        {
            return false;
        }
        uint first = (uint)text[0] - '0';
        if (first > 9 || first == 0 && text.Length > 1)
        {
            return false;
        }
        long number = first;
        for (int i = 1; i < text.Length; i++)
        {
            uint digit = (uint)text[i] - '0';
            if (digit > 9)
            {
                return false;
            }
            number = number * 10 + digit;
        }
        value = number;
        return true;
    }
}
