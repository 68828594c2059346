using System.Text;
using SparkRecs.Warehouse.Reading;

namespace SparkRecs.Warehouse.Validation;

/// <summary>
/// The rejections of one file: counts per reason, the first few rows, and the quarantine lines
/// (tab-separated: file, line, reason, detail, raw text; tabs, line breaks and backslashes inside
/// values escaped as <c>\t</c>, <c>\n</c>, <c>\r</c>, <c>\\</c>; raw text cut at
/// <see cref="MaxRawChars"/>). Files are read in parallel, so each keeps its own and the
/// <see cref="RejectionLog"/> merges them in file order.
/// </summary>
internal sealed class FileRejections(string file, int quarantineMax)
{
    public const int MaxRawChars = 1000;
    public const int KeptSamples = 5;

    private readonly long[] _counts = new long[Enum.GetValues<RejectReason>().Length];
    private readonly List<RejectedRow> _first = [];
    private readonly List<string> _quarantine = [];

    /// <summary>Rejected rows of the file.</summary>
    public long Total { get; private set; }

    /// <summary>Count per reason, indexed by <see cref="RejectReason"/>.</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>The file's first <see cref="KeptSamples"/> rejected rows.</summary>
    public IReadOnlyList<RejectedRow> First => _first;

    /// <summary>The file's first quarantine lines (at most the quarantine cap).</summary>
    public IReadOnlyList<string> QuarantineLines => _quarantine;

    /// <summary>Records one rejection; <paramref name="what"/> and <paramref name="value"/> become its detail text only when it is kept or quarantined.</summary>
    public void Record(long line, RejectReason reason, string what, ReadOnlySpan<char> value, ReadOnlySpan<char> raw)
    {
        _counts[(int)reason]++;
        Total++;
        bool keep = _first.Count < KeptSamples;
        bool quarantine = _quarantine.Count < quarantineMax;
        if (!keep && !quarantine)
        {
            return;
        }
        string detail = value.IsEmpty ? what : $"{what} '{Cut(value, 100)}'";
        if (keep)
        {
            _first.Add(new RejectedRow(file, line, reason, detail));
        }
        if (quarantine)
        {
            var row = new StringBuilder();
            Append(row, file).Append('\t').Append(line).Append('\t').Append(reason).Append('\t');
            Append(row, detail).Append('\t');
            Append(row, Cut(raw, MaxRawChars)).Append('\n');
            _quarantine.Add(row.ToString());
        }
    }

    private static ReadOnlySpan<char> Cut(ReadOnlySpan<char> text, int max) => text.Length <= max ? text : text[..max];

    private static StringBuilder Append(StringBuilder row, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            _ = c switch
            {
                '\t' => row.Append("\\t"),
                '\n' => row.Append("\\n"),
                '\r' => row.Append("\\r"),
                '\\' => row.Append("\\\\"),
                _ => row.Append(c),
            };
        }
        return row;
    }
}
