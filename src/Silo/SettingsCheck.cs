using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace PrintFarm.Silo;

/// <summary>
/// Settings the silo's wiring reads before any service exists (storage, cluster): bound and
/// checked at once, so a bad value stops the silo at start with a message naming the setting.
/// </summary>
internal static class SettingsCheck
{
    public static T Read<T>(IConfiguration configuration, string section) where T : new()
    {
        var settings = configuration.GetSection(section).Get<T>() ?? new T();
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), problems, validateAllProperties: true))
            throw new InvalidOperationException($"Invalid settings: {string.Join(" ", problems.Select(p => p.ErrorMessage))}");
        return settings;
    }
}
