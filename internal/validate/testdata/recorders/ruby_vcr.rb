# Records calls to a Graph stand-in through Ruby's VCR, hooked into
# WebMock, as a Ruby test suite records Graph with Net::HTTP.
#
#   ruby ruby_vcr.rb STAND_IN_URL CASSETTE_DIR NAME [exact|json] < calls.json
#
# calls.json is a list of {"method", "path", "body"}. Each request names
# graph.microsoft.com and goes through the stand-in as an HTTP proxy, so
# the cassette holds Graph's URLs. "exact" turns on VCR's
# preserve_exact_body_bytes, which keeps every body as base64; "json"
# writes the cassette with VCR's json serializer (NAME.json).
require "json"
require "net/http"
require "uri"
require "vcr"
require "webmock"

stand_in = URI(ARGV.fetch(0))
dir, name, mode = ARGV.fetch(1), ARGV.fetch(2), ARGV[3]
calls = JSON.parse($stdin.read)

VCR.configure do |c|
  c.cassette_library_dir = dir
  c.hook_into :webmock
  c.preserve_exact_body_bytes { mode == "exact" }
end

VCR.use_cassette(name, record: :all, serialize_with: mode == "json" ? :json : :yaml) do
  calls.each do |call|
    uri = URI("http://graph.microsoft.com" + call.fetch("path"))
    Net::HTTP.start(uri.host, uri.port, stand_in.host, stand_in.port) do |http|
      req = Net::HTTPGenericRequest.new(call.fetch("method"), !call["body"].to_s.empty?, true, uri)
      req["Content-Type"] = "application/json"
      req.body = call["body"] unless call["body"].to_s.empty?
      res = http.request(req)
      raise "#{call["path"]}: HTTP #{res.code}" unless res.code == "200"
    end
  end
end
