using System.Globalization;
using System.Text;
using static SparkRecs.Core.Evaluation.SvgCharts;

namespace SparkRecs.Core.Evaluation;

/// <summary>The chart sections of the HTML report.</summary>
public static partial class EvaluationReportHtml
{
    private static readonly string[] ChartFamilies = [MetricNames.Ndcg, MetricNames.Recall, MetricNames.Precision, MetricNames.Map, MetricNames.HitRate, MetricNames.Mrr];

    /// <summary>One line chart per metric family against K; SNIPS dashed where it exists.</summary>
    private static void MetricCharts(StringBuilder html, EvaluationReport report)
    {
        var ks = report.Options.Ks.Order().ToList();
        var labels = ks.Select(k => k.ToString(CultureInfo.InvariantCulture)).ToList();
        html.Append("<h2>Metrics against K</h2>\n<div class=\"charts\">\n");
        foreach (string family in ChartFamilies)
        {
            var series = new List<Series>();
            for (int m = 0; m < report.Models.Count; m++)
            {
                var model = report.Models[m];
                string color = Palette[m % Palette.Length];
                series.Add(new Series(model.Model, ks.Select(k => Value(model, MetricNames.AtK(family, k), snips: false)).ToList(), color));
                if (MetricNames.WeightedFamilies.Contains(family))
                {
                    series.Add(new Series(model.Model + " SNIPS", ks.Select(k => Value(model, MetricNames.AtK(family, k), snips: true)).ToList(), color, Dashed: true));
                }
            }
            Line(html, family + "@K", "K", labels, series);
        }
        html.Append("</div>\n");
    }

    /// <summary>Share of recommended slots per training-popularity bucket against the training curve.</summary>
    private static void LongTailChart(StringBuilder html, EvaluationReport report)
    {
        int buckets = report.TrainingPopularityCurve.Count;
        var labels = Enumerable.Range(1, buckets).Select(b => $"{100 * b / buckets}%").ToList();
        var series = new List<Series> { new("training interactions", report.TrainingPopularityCurve, "#7f7f7f", Dashed: true) };
        for (int m = 0; m < report.Models.Count; m++)
        {
            series.Add(new Series(report.Models[m].Model, report.Models[m].RecommendedPopularityCurve, Palette[m % Palette.Length]));
        }
        html.Append("<h2>Popularity of recommended items (long tail)</h2>\n<p>Items ordered by training popularity, most popular first, in ")
            .Append(buckets).Append(" equal slices; the share of training interactions and of recommended slots (at the largest K) in each slice.</p>\n<div class=\"charts\">\n");
        Line(html, "share per popularity slice", "most popular items first (cumulative share of items)", labels, series);
        html.Append("</div>\n");
    }

    /// <summary>Grouped bars of nDCG and recall per activity segment.</summary>
    private static void SegmentCharts(StringBuilder html, EvaluationReport report)
    {
        var segments = report.Models[0].Segments;
        if (segments.Count == 0)
        {
            return;
        }
        int k = report.Options.Ks.Contains(10) ? 10 : report.Options.Ks.Min();
        var labels = segments.Select(s => $"{s.Name.Split(' ')[0]} ({s.MinActivity}-{s.MaxActivity})").ToList();
        html.Append("<h2>By user activity segment</h2>\n<p>Users split into equal groups by number of training items; labels show the activity range. Users per segment: ")
            .Append(E(string.Join(", ", segments.Select(s => $"{s.Name} {s.Users}")))).Append(".</p>\n<div class=\"charts\">\n");
        foreach (string family in new[] { MetricNames.Ndcg, MetricNames.Recall })
        {
            string metric = MetricNames.AtK(family, k);
            var series = report.Models.Select((model, m) => new Series(model.Model,
                model.Segments.Select(s => s.Metrics.GetValueOrDefault(metric)).ToList(), Palette[m % Palette.Length])).ToList();
            Bars(html, metric + " by activity segment", "segment (training items)", labels, series);
        }
        html.Append("</div>\n");
    }

    private static double Value(ModelReport model, string metric, bool snips)
    {
        if (!model.Metrics.TryGetValue(metric, out var report))
        {
            return 0;
        }
        return snips ? report.Snips?.Value ?? 0 : report.Naive.Value;
    }
}
