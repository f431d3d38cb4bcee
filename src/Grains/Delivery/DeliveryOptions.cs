using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Delivery;

/// <summary>Bound from configuration section <c>Delivery</c>: how grains retry news the receiver has not heard.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>The first retry after a receiver was out of reach; each further one waits twice as long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Delivery:FirstRetry must be between {1} and {2}.")]
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Delivery:LastRetry must be between {1} and {2}.")]
    public TimeSpan LastRetry { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one send waits for the receiver before it counts as not heard (and is tried again later).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Delivery:AnswerWithin must be between {1} and {2}.")]
    public TimeSpan AnswerWithin { get; set; } = TimeSpan.FromSeconds(5);
}
