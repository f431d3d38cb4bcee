namespace PrintFarm.Bench.Estimates;

/// <summary>The few distributions the simulated world needs, on a seeded <see cref="Random"/>.</summary>
public static class RandomExtensions
{
    public static double NextGaussian(this Random random)
    {
        // Box-Muller; 1 - u keeps the logarithm away from zero.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A factor around 1 with the given log-normal spread, median 1.</summary>
    public static double NextLogNormal(this Random random, double sigma) => Math.Exp(sigma * random.NextGaussian());

    public static double NextExponential(this Random random, double mean) => -mean * Math.Log(1.0 - random.NextDouble());

    /// <summary>Uniform on a log scale: as many 20-minute prints as 2-hour ones as 10-hour ones, per decade.</summary>
    public static double NextLogUniform(this Random random, double min, double max) =>
        Math.Exp(Math.Log(min) + random.NextDouble() * (Math.Log(max) - Math.Log(min)));

    public static int NextWeighted(this Random random, IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var pick = random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            pick -= weights[i];
            if (pick < 0) return i;
        }
        return weights.Count - 1;
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
