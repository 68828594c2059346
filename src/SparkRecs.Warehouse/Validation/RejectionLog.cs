using System.Text;
using SparkRecs.Warehouse.Reading;

namespace SparkRecs.Warehouse.Validation;

/// <summary>
/// Counts rejected rows per reason, keeps the first few for error messages, and writes a capped
/// sample to the quarantine file (tab-separated: file, line, reason, detail, raw text; tabs and
/// line breaks inside values written as <c>\t</c>, <c>\n</c>, <c>\r</c>, raw text cut at
/// <see cref="MaxRawChars"/>).
/// </summary>
internal sealed class RejectionLog : IDisposable
{
    public const int MaxRawChars = 1000;
    public const int KeptSamples = 5;

    private readonly long[] _counts = new long[Enum.GetValues<RejectReason>().Length];
    private readonly List<RejectedRow> _first = [];
    private readonly StreamWriter? _quarantine;
    private readonly int _quarantineMax;

    public RejectionLog(string? quarantinePath, int quarantineMax)
    {
        _quarantineMax = quarantineMax;
        if (quarantinePath is not null)
        {
            _quarantine = new StreamWriter(quarantinePath, append: false, new UTF8Encoding(false));
            _quarantine.Write("file\tline\treason\tdetail\traw\n");
        }
    }

    /// <summary>Rejected rows in total.</summary>
    public long Total { get; private set; }

    /// <summary>Rows written to the quarantine file.</summary>
    public int Quarantined { get; private set; }

    /// <summary>The first <see cref="KeptSamples"/> rejected rows.</summary>
    public IReadOnlyList<RejectedRow> First => _first;

    /// <summary>Counts per reason, only reasons that occurred.</summary>
    public IReadOnlyDictionary<RejectReason, long> Counts()
    {
        var counts = new SortedDictionary<RejectReason, long>();
        for (int i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] > 0)
            {
                counts[(RejectReason)i] = _counts[i];
            }
        }
        return counts;
    }

    /// <summary>Records one rejection; <paramref name="what"/> and <paramref name="value"/> become its detail text only when it is kept or quarantined.</summary>
    public void Record(string file, long line, RejectReason reason, string what, ReadOnlySpan<char> value, ReadOnlySpan<char> raw)
    {
        _counts[(int)reason]++;
        Total++;
        bool keep = _first.Count < KeptSamples;
        bool quarantine = _quarantine is not null && Quarantined < _quarantineMax;
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
            _quarantine!.Write(row);
            Quarantined++;
        }
    }

    public void Dispose() => _quarantine?.Dispose();

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
