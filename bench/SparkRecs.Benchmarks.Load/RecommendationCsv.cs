using System.Globalization;
using SparkRecs.Core.Recommend;

namespace SparkRecs.Benchmarks.Load;

/// <summary>Writes the recommendation rows of an artifact set as CSV, exactly the rows the loader sends.</summary>
internal static class RecommendationCsv
{
    public static long Write(ModelArtifacts artifacts, string path)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), bufferSize: 1 << 20);
        Span<char> number = stackalloc char[32];
        var lists = artifacts.Recommendations;
        long rows = 0;
        for (int u = 0; u < lists.Rows; u++)
        {
            string user = artifacts.UserKeys.KeyOf(u);
            var items = lists.Items(u);
            var scores = lists.Scores(u);
            for (int k = 0; k < items.Length && items[k] >= 0; k++)
            {
                writer.Write(user);
                writer.Write(',');
                (k + 1).TryFormat(number, out int n, default, CultureInfo.InvariantCulture);
                writer.Write(number[..n]);
                writer.Write(',');
                writer.Write(artifacts.ItemKeys.KeyOf(items[k]));
                writer.Write(',');
                scores[k].TryFormat(number, out n, default, CultureInfo.InvariantCulture);
                writer.Write(number[..n]);
                writer.Write('\n');
                rows++;
            }
        }
        return rows;
    }
}
