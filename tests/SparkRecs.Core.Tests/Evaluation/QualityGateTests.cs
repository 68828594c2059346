using SparkRecs.Core.Errors;
using SparkRecs.Core.Evaluation;
using static SparkRecs.Core.Tests.Evaluation.ComparisonFixtures;

namespace SparkRecs.Core.Tests.Evaluation;

public class QualityGateTests
{
    private static readonly (ModelEvaluation Good, ModelEvaluation Half, ModelEvaluation Bad) Models = Build();

    private static (ModelEvaluation, ModelEvaluation, ModelEvaluation) Build()
    {
        var (train, test, target) = Population(250);
        return (Evaluate(Oracle(target, "candidate"), train, test),
            Evaluate(Oracle(target, "half", u => u % 2 == 0), train, test),
            Evaluate(Inverse(target), train, test));
    }

    private static readonly QualityGateOptions Defaults = new() { PrimaryMetric = "ndcg@10" };

    [Fact]
    public void Candidate_beating_popularity_and_live_is_published()
    {
        var decision = QualityGate.Decide(Models.Good, Models.Bad, Models.Half, Defaults);
        Assert.True(decision.Publish);
        Assert.Equal(2, decision.Comparisons.Count);
        Assert.All(decision.Reasons.Where(r => !r.StartsWith("NOTE")), r => Assert.StartsWith("PASS", r));
        decision.ThrowIfRejected();
    }

    [Fact]
    public void Candidate_not_beating_popularity_is_rejected()
    {
        var decision = QualityGate.Decide(Models.Bad, Models.Good, null, Defaults);
        Assert.False(decision.Publish);
        Assert.Contains(decision.Reasons, r => r.StartsWith("FAIL") && r.Contains("'candidate'"));
        var error = Assert.Throws<QualityGateException>(decision.ThrowIfRejected);
        Assert.Equal(5, error.ExitCode);
    }

    [Fact]
    public void Candidate_equal_to_popularity_does_not_beat_it()
    {
        Assert.False(QualityGate.Decide(Models.Half, Models.Half, null, Defaults).Publish);
    }

    [Fact]
    public void Candidate_much_worse_than_live_is_rejected_even_when_beating_popularity()
    {
        var decision = QualityGate.Decide(Models.Half, Models.Bad, Models.Good, Defaults);
        Assert.False(decision.Publish);
        Assert.Contains(decision.Reasons, r => r.StartsWith("FAIL") && r.Contains("live"));
    }

    [Fact]
    public void A_drop_within_the_tolerance_still_publishes()
    {
        var tolerant = Defaults with { MaxDropVsLive = 0.9 };
        Assert.True(QualityGate.Decide(Models.Half, Models.Bad, Models.Good, tolerant).Publish);
    }

    [Fact]
    public void Margin_over_popularity_larger_than_the_lift_rejects()
    {
        var strict = Defaults with { MinLiftOverPopularity = 0.6, RequireSignificance = true };
        Assert.False(QualityGate.Decide(Models.Half, Models.Bad, null, strict).Publish);
        Assert.True(QualityGate.Decide(Models.Half, Models.Bad, null, strict with { MinLiftOverPopularity = 0.2 }).Publish);
    }

    [Fact]
    public void Missing_popularity_baseline_rejects_unless_allowed()
    {
        Assert.False(QualityGate.Decide(Models.Good, null, null, Defaults).Publish);
        Assert.True(QualityGate.Decide(Models.Good, null, null, Defaults with { RequirePopularityBaseline = false }).Publish);
    }

    [Fact]
    public void Unknown_primary_metric_is_a_configuration_error()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            QualityGate.Decide(Models.Good, Models.Bad, null, Defaults with { PrimaryMetric = "ndcg@7" }));
        Assert.Equal("quality_gate:primary_metric", error.Key);
    }
}
