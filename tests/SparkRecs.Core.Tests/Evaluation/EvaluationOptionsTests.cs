using SparkRecs.Core.Errors;
using SparkRecs.Core.Evaluation;
using static SparkRecs.Core.Tests.Evaluation.EvaluationFixtures;

namespace SparkRecs.Core.Tests.Evaluation;

public class EvaluationOptionsTests
{
    [Theory]
    [InlineData("evaluation:ks")]
    [InlineData("evaluation:propensityMin")]
    [InlineData("evaluation:bootstrapResamples")]
    [InlineData("evaluation:maxUsers")]
    public void Invalid_settings_name_their_configuration_key(string key)
    {
        var options = key switch
        {
            "evaluation:ks" => new EvaluationOptions { Ks = [10, 0] },
            "evaluation:propensityMin" => new EvaluationOptions { PropensityMin = 0 },
            "evaluation:bootstrapResamples" => new EvaluationOptions { BootstrapResamples = 0 },
            _ => new EvaluationOptions { MaxUsers = 0 },
        };
        var error = Assert.Throws<ConfigurationException>(options.Validate);
        Assert.Equal(key, error.Key);
    }

    [Fact]
    public void Test_set_without_relevant_items_gives_an_empty_evaluation_the_gate_rejects()
    {
        var (model, train, _) = HandCase();
        var test = Test((0, 2, 1f), (-1, 3, 5f));
        var result = RankingEvaluator.Evaluate(model, train, test, Options());
        Assert.Equal(0, result.UserCount);
        Assert.Equal(0, result.Metrics["ndcg@3"].Value);
        Assert.Null(result.Metrics["ndcg@3"].CiLow);
        Assert.Empty(result.Segments);
        Assert.Equal(1, result.Counts.ColdUserTestRows);
        var decision = QualityGate.Decide(result, result, null, new QualityGateOptions { PrimaryMetric = "ndcg@3" });
        Assert.False(decision.Publish);
        var report = EvaluationReport.Create(new SplitDescription(SplitKind.PerUserLastN, null, null, null, null, 1, "empty"), null, [result], gate: decision);
        System.Xml.Linq.XDocument.Parse(EvaluationReportHtml.Render(report)["<!DOCTYPE html>".Length..]);
        Assert.Contains("\"users_evaluated\": 0", report.ToJson());
    }
}
