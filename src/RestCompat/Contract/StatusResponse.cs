using System.Text.Json.Serialization;

namespace Tiktok.RestCompat.Contract;

// The stock app's JSON shapes (API.md), field for field. Every field is always written,
// zero values included; error answers are these same shapes, zero-valued.

public class StatusResponse
{
    [JsonPropertyOrder(-2)] public int StatusCode { get; set; }
    [JsonPropertyOrder(-1)] public string StatusMsg { get; set; } = "";
}
