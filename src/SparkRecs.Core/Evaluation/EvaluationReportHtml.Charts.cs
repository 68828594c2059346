using System.Globalization;
using System.Text;
using static SparkRecs.Core.Evaluation.SvgCharts;

namespace SparkRecs.Core.Evaluation;

/// <summary>The chart sections of the HTML report; every chart carries a one-line "how to read" caption.</summary>
public static partial class EvaluationReportHtml
{
    private static readonly string[] ChartFamilies = [MetricNames.Ndcg, MetricNames.Recall, MetricNames.Precision, MetricNames.Map, MetricNames.HitRate, MetricNames.Mrr];

    /// <summary>One line chart per metric family against K; SNIPS dashed (hollow markers) where it exists.</summary>
    private static void MetricCharts(StringBuilder html, EvaluationReport report)
    {
        var ks = report.Options.Ks.Order().ToList();
        var labels = ks.Select(k => k.ToString(CultureInfo.InvariantCulture)).ToList();
        html.Append("<h2 id=\"metrics-k\">Metrics against K</h2>\n");
        Note(html, "One colour and marker shape per model. Solid lines: naive means; dashed lines with hollow markers: the SNIPS estimate (nDCG and recall only), "
            + "which discounts hits on popular items. Lines drawn on top of each other mean equal values. Hover a point for its value.");
        html.Append("<div class=\"charts\">\n");
        foreach (string family in ChartFamilies)
        {
            var series = new List<Series>();
            for (int m = 0; m < report.Models.Count; m++)
            {
                var model = report.Models[m];
                string color = Palette[m % Palette.Length];
                series.Add(new Series(model.Model, ks.Select(k => Value(model, MetricNames.AtK(family, k), snips: false)).ToList(), color, Marker: m));
                if (MetricNames.WeightedFamilies.Contains(family))
                {
                    series.Add(new Series(model.Model + " SNIPS", ks.Select(k => Value(model, MetricNames.AtK(family, k), snips: true)).ToList(), color, Dashed: true, Marker: m));
                }
            }
            string caption = ChartCaptions.GetValueOrDefault(family, "Higher is better.");
            Figure(html, caption, DefaultWidth, h => Line(h, $"{family}@K", new Axes("K (length of the recommendation list)", $"{family}@K (mean over users)"), labels, series));
        }
        html.Append("</div>\n");
    }

    /// <summary>What each metric family's chart says, in one line.</summary>
    private static readonly Dictionary<string, string> ChartCaptions = new()
    {
        [MetricNames.Ndcg] = "Higher is better: relevant items ranked nearer the top; each hit counts less the lower it sits in the list.",
        [MetricNames.Recall] = "Share of each user's relevant test items found in the top K; it can only grow with K.",
        [MetricNames.Precision] = "Share of the K recommended slots that hold a relevant item; it usually falls as K grows.",
        [MetricNames.Map] = "Precision averaged at the rank of each hit: higher when hits come early and many.",
        [MetricNames.HitRate] = "Share of users with at least one relevant item in their top K.",
        [MetricNames.Mrr] = "Mean of 1 / rank of the first hit (0 without one): higher means the first useful item appears earlier.",
    };

    /// <summary>
    /// Cumulative share of recommended slots against the cumulative share of training interactions,
    /// items ordered by training popularity: a Lorenz-style view of how much exposure goes to the head.
    /// </summary>
    private static void LongTailChart(StringBuilder html, EvaluationReport report)
    {
        int buckets = report.TrainingPopularityCurve.Count;
        if (buckets == 0)
        {
            return;
        }
        var labels = Enumerable.Range(0, buckets + 1).Select(b => $"{100 * b / buckets}%").ToList();
        var series = new List<Series>
        {
            new("equal exposure", labels.Select((_, b) => (double)b / buckets).ToList(), "#b0b0b0", Dashed: true, Marker: -1),
            new("training interactions", Cumulative(report.TrainingPopularityCurve), ReferenceColor, Dashed: true, Marker: -1),
        };
        for (int m = 0; m < report.Models.Count; m++)
        {
            series.Add(new Series(report.Models[m].Model, Cumulative(report.Models[m].RecommendedPopularityCurve), Palette[m % Palette.Length], Marker: m));
        }
        int k = report.Options.Ks.Max();
        html.Append("<h2 id=\"long-tail\">Popularity of recommended items (long tail)</h2>\n<p>Items are ranked by their number of training interactions, most popular first, and cut into ")
            .Append(buckets).Append(" equal slices of the catalogue. Each curve climbs by the share of its total that falls in each slice: of training interactions (grey) and of recommended slots in every user's top ")
            .Append(k).Append(" (colours).</p>\n<div class=\"charts\">\n");
        Figure(html,
            "A curve above the dark grey training curve concentrates recommendations on popular items more than users themselves do; "
            + "a curve below it spreads them further into the tail. The light grey diagonal is equal exposure for every item. "
            + "Once a curve reaches 100%, no slot went to any less popular item.",
            DefaultWidth + 260,
            h => Line(h, "cumulative share, items ranked by training popularity",
                new Axes("most popular items first (cumulative share of the catalogue)", "cumulative share", Percent: true, Width: DefaultWidth + 260), labels, series));
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
        html.Append("<h2 id=\"segments\">By user activity segment</h2>\n<p>Evaluated users split into equal-size groups by their number of training items, Q1 the least active; labels show the range. Users per segment: ")
            .Append(E(string.Join(", ", segments.Select(s => $"{s.Name} {s.Users}")))).Append(".</p>\n<div class=\"charts\">\n");
        foreach (string family in new[] { MetricNames.Ndcg, MetricNames.Recall })
        {
            string metric = MetricNames.AtK(family, k);
            var series = report.Models.Select((model, m) => new Series(model.Model,
                model.Segments.Select(s => s.Metrics.GetValueOrDefault(metric)).ToList(), Palette[m % Palette.Length])).ToList();
            Figure(html,
                "Higher is better. Bars compare models within one activity group: a model that wins overall but loses on Q1 serves light users worse. "
                + $"Each segment holds about 1/{segments.Count} of the users, so its mean is noisier than the headline.",
                DefaultWidth,
                h => Bars(h, $"{metric} by activity segment", new Axes("segment (training items per user)", $"{metric} (mean over the segment's users)"), labels, series));
        }
        html.Append("</div>\n");
    }

    /// <summary>A chart with its caption, as a figure no wider than the chart.</summary>
    private static void Figure(StringBuilder html, string caption, int width, Action<StringBuilder> chart)
    {
        html.Append("<figure style=\"width: ").Append(width).Append("px\">\n");
        chart(html);
        html.Append("<figcaption><b>How to read:</b> ").Append(E(caption)).Append("</figcaption>\n</figure>\n");
    }

    /// <summary>Running sums starting at 0, capped at 1 against rounding: point b is the share of the total in the first b slices.</summary>
    private static List<double> Cumulative(IReadOnlyList<double> shares)
    {
        var sums = new List<double>(shares.Count + 1) { 0 };
        double total = 0;
        foreach (double share in shares)
        {
            total += share;
            sums.Add(Math.Min(total, 1));
        }
        return sums;
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
