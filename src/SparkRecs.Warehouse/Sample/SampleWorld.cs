using SparkRecs.Warehouse.Cleaning;
using SparkRecs.Warehouse.Options;

namespace SparkRecs.Warehouse.Sample;

/// <summary>
/// The hidden structure behind a sample warehouse: who is active, who likes what, which items are
/// popular and how that changes. Built once from the seed; read-only while days are written in parallel.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>User activity is lognormal, <c>exp(σ·z)</c>: a few users produce a large share of events.</item>
/// <item>Every item belongs to one topic; within a topic items are ranked by popularity and drawn
/// with Zipf weights <c>1/(r+1)^s</c>. Half of the draws (<see cref="TrendingShare"/>) use a
/// ranking that rotates by <see cref="PopularityDrift"/> of the topic's size over the period, so
/// some hits fade and new ones rise while evergreen items stay on top.</item>
/// <item>Each user has a start topic, an end topic and a steady secondary topic; the chance of the
/// end topic grows linearly over the period (taste drift). With probability
/// <see cref="ExploreProbability"/> an event ignores taste and follows global popularity.</item>
/// </list>
/// </remarks>
internal sealed class SampleWorld
{
    public const double ExploreProbability = 0.10;
    public const double SecondaryProbability = 0.25;
    public const double PopularityDrift = 0.20;
    public const double TrendingShare = 0.5;

    private SampleWorld(SampleOptions options)
    {
        var random = new SampleRandom(options.Seed, stream: -1);
        var activity = new double[options.Users];
        for (int u = 0; u < activity.Length; u++)
        {
            activity[u] = Math.Exp(options.ActivitySigma * random.NextGaussian());
        }
        double total = activity.Sum();
        ExpectedEvents = activity.Select(a => options.Events * a / total).ToArray();
        UserActivity = new AliasTable(activity);

        StartTopic = new int[options.Users];
        EndTopic = new int[options.Users];
        SecondTopic = new int[options.Users];
        for (int u = 0; u < options.Users; u++)
        {
            StartTopic[u] = random.NextInt(options.Topics);
            EndTopic[u] = random.NextInt(options.Topics);
            SecondTopic[u] = random.NextInt(options.Topics);
        }

        var members = new List<int>[options.Topics];
        for (int t = 0; t < members.Length; t++)
        {
            members[t] = [];
        }
        for (int item = 0; item < options.Items; item++)
        {
            members[item < options.Topics ? item : random.NextInt(options.Topics)].Add(item);
        }
        TopicItems = members.Select(m => Shuffle(m.ToArray(), random)).ToArray();
        TopicRanks = TopicItems.Select(items => new AliasTable(AliasTable.ZipfWeights(items.Length, options.ZipfExponent))).ToArray();
        GlobalOrder = Shuffle(Enumerable.Range(0, options.Items).ToArray(), random);
        GlobalRanks = new AliasTable(AliasTable.ZipfWeights(options.Items, options.ZipfExponent));
    }

    public AliasTable UserActivity { get; }
    public double[] ExpectedEvents { get; }
    public int[] StartTopic { get; }
    public int[] EndTopic { get; }
    public int[] SecondTopic { get; }
    public int[][] TopicItems { get; }
    public AliasTable[] TopicRanks { get; }
    public int[] GlobalOrder { get; }
    public AliasTable GlobalRanks { get; }

    public static SampleWorld Build(SampleOptions options) => new(options);

    /// <summary>
    /// The bot's event count: twice the threshold of the default bot rule computed on the users'
    /// expected counts, so the default ingest drops it with room for sampling noise.
    /// </summary>
    public long BotEvents()
    {
        var rule = new BotRuleOptions();
        int[] sorted = ExpectedEvents.Select(e => (int)Math.Ceiling(e)).Order().ToArray();
        double threshold = Math.Max(rule.AbsoluteMax, rule.Multiplier * BotFilter.LowerPercentile(sorted, rule.Percentile));
        return (long)Math.Ceiling(2 * threshold);
    }

    /// <summary>Picks the item of one ordinary event of <paramref name="user"/> at time fraction <paramref name="t"/> of the period.</summary>
    public int PickItem(int user, double t, SampleRandom random, out bool toTaste)
    {
        double r = random.NextDouble();
        if (r < ExploreProbability)
        {
            toTaste = false;
            return GlobalOrder[GlobalRanks.Sample(random)];
        }
        toTaste = true;
        int topic = r < ExploreProbability + SecondaryProbability ? SecondTopic[user]
            : random.NextDouble() < t ? EndTopic[user] : StartTopic[user];
        int[] items = TopicItems[topic];
        int rank = TopicRanks[topic].Sample(random);
        int shift = random.NextDouble() < TrendingShare ? (int)(t * PopularityDrift * items.Length) : 0;
        return items[(rank + shift) % items.Length];
    }

    private static int[] Shuffle(int[] values, SampleRandom random)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
        return values;
    }
}
