using AuditKit.Classification.Features;

namespace AuditKit.Classification.Training;

/// <summary>Everything that determines a trained model: same options and same examples give a byte-identical file.</summary>
/// <param name="ClassifierId">Recorded in the model's metadata and with every verdict.</param>
/// <param name="Epochs">Passes over the training set (AdaGrad, one example at a time, seeded order).</param>
/// <param name="LearningRate">AdaGrad step size.</param>
/// <param name="L2">L2 penalty per example on the weights an example touches.</param>
/// <param name="ClassWeightPower">0 = no reweighting, 1 = fully balanced classes; in between softens the majority class.</param>
public sealed record TrainingOptions(
    string ClassifierId,
    int Seed,
    FeaturizerSettings Features,
    int Epochs,
    double LearningRate,
    double L2,
    double ClassWeightPower)
{
    public static TrainingOptions Default { get; } = new("auditkit-hashed-lr-v3", 20250101, FeaturizerSettings.Default, 6, 0.2, 3e-4, 0.5);
}
