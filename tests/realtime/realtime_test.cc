// Realtime updates on the hand-made line network (tests/realtime/line_network.h: every time worked out there).
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

#include "kwartier/realtime/feed.h"
#include "kwartier/realtime/view.h"
#include "kwartier/routing/journey.h"
#include "realtime/line_network.h"

namespace kwartier::realtime {
namespace {

using test::hms;
using test::line_network;
using test::monday;
using test::request;
using test::tuesday;
using test::unix_at;

stop_time_event delay(std::int32_t s) { return stop_time_event{s, std::nullopt, std::nullopt}; }
stop_time_event at(std::int64_t t) { return stop_time_event{std::nullopt, t, std::nullopt}; }

trip_update update(std::string trip, std::string date = "20241209") {
  trip_update u;
  u.entity_id = "e-" + trip;
  u.trip.trip_id = std::move(trip);
  u.trip.start_date = std::move(date);
  return u;
}

stop_time_update stop(std::string id, std::optional<stop_time_event> arr, std::optional<stop_time_event> dep = {},
                      stop_relationship rel = stop_relationship::scheduled) {
  stop_time_update s;
  s.stop_id = std::move(id);
  s.arrival = arr;
  s.departure = dep;
  s.relationship = rel;
  return s;
}

feed_message feed(std::vector<trip_update> updates, std::uint64_t ts = 0) {
  feed_message m;
  m.source = "test.pb";
  m.version = "2.0";
  m.timestamp = ts != 0 ? ts : static_cast<std::uint64_t>(unix_at(monday(), hms(7, 50)));
  m.trip_updates = std::move(updates);
  return m;
}

// Through the protobuf bytes, as a real feed arrives.
std::shared_ptr<view const> applied(feed_message const& m) {
  auto const bytes = encode_feed(m);
  auto parsed = parse_feed(bytes, m.source);
  EXPECT_TRUE(parsed) << parsed.error().to_string();
  auto v = apply(line_network(), *parsed);
  EXPECT_TRUE(v) << v.error().to_string();
  return *v;
}

// The transit journeys (a direct walk between neighbouring stops, 1,711 s, also comes back when it arrives
// first; it is left out here).
std::vector<routing::journey> plan(routing::route_request r, std::shared_ptr<view const> v = nullptr) {
  routing::query_state qs;
  r.realtime = std::move(v);
  auto js = routing::route(line_network(), r, qs);
  EXPECT_TRUE(js) << js.error().to_string();
  std::vector<routing::journey> out;
  if (js)
    for (auto& j : *js)
      if (j.rides > 0) out.push_back(std::move(j));
  return out;
}

routing::leg const* ride(routing::journey const& j, std::string_view trip) {
  for (auto const& l : j.legs)
    if (l.kind == routing::leg_kind::ride && l.trip_id == trip) return &l;
  return nullptr;
}

TEST(realtime, static_plan_as_drawn) {
  auto const js = plan(request("A", "D", monday(), hms(7, 55)));
  ASSERT_EQ(js.size(), 2U);
  EXPECT_EQ(js[0].rides, 1U);
  EXPECT_EQ(js[0].arrival, hms(8, 50));
  EXPECT_EQ(js[1].rides, 2U);
  EXPECT_EQ(js[1].arrival, hms(8, 35));
  ASSERT_NE(ride(js[1], "T1"), nullptr);
  EXPECT_EQ(ride(js[1], "T1")->status, ride_status::scheduled);
  ASSERT_NE(ride(js[1], "U1"), nullptr);
}

// T1 reaches C 10 min late (08:30): U1 (08:25) is gone. Two rides now arrive at 09:05 at best (T1 or T2, then
// U2), later than S1's 08:50 with one ride: the only journey left is S1.
TEST(realtime, a_delay_that_breaks_a_connection_changes_the_journey) {
  auto u = update("T1");
  u.stop_time_updates.push_back(stop("C", delay(600)));
  auto const v = applied(feed({u}));
  EXPECT_EQ(v->summary().trips_matched, 1U);
  EXPECT_EQ(v->summary().trips_changed, 1U);
  auto const js = plan(request("A", "D", monday(), hms(7, 55)), v);
  ASSERT_EQ(js.size(), 1U);
  EXPECT_EQ(js[0].rides, 1U);
  EXPECT_EQ(js[0].arrival, hms(8, 50));
  ASSERT_NE(ride(js[0], "S1"), nullptr);
  EXPECT_EQ(ride(js[0], "S1")->status, ride_status::scheduled);  // the feed says nothing about S1
  // The same view on Tuesday changes nothing (the update is for Monday's T1).
  auto const tue = plan(request("A", "D", tuesday(), hms(7, 55)), v);
  ASSERT_EQ(tue.size(), 2U);
  EXPECT_EQ(tue[1].arrival, hms(8, 35));
}

// A departure delay of 5 min at B and nothing at C: the delay is propagated downstream, T1 reaches C at 08:25
// (scheduled 08:20) and U1 (08:25, change time 0) is still caught. A is before the first update: on time.
TEST(realtime, a_delay_is_propagated_downstream) {
  auto u = update("T1");
  u.stop_time_updates.push_back(stop("B", std::nullopt, delay(300)));
  auto const v = applied(feed({u}));
  auto const js = plan(request("A", "D", monday(), hms(7, 55)), v);
  ASSERT_EQ(js.size(), 2U);
  EXPECT_EQ(js[1].arrival, hms(8, 35));
  auto const* t1 = ride(js[1], "T1");
  ASSERT_NE(t1, nullptr);
  EXPECT_EQ(t1->departure, hms(8, 0));
  EXPECT_EQ(t1->departure_delay, 0);
  EXPECT_EQ(t1->arrival, hms(8, 25));
  EXPECT_EQ(t1->scheduled_arrival, hms(8, 20));
  EXPECT_EQ(t1->arrival_delay, 300);
  EXPECT_EQ(t1->status, ride_status::delayed);
  EXPECT_EQ(t1->service_day, monday());
  // The view's own answer for the ride A -> B (positions 0 -> 1): B's arrival takes the departure's delay.
  auto const& tt = line_network().timetable();
  std::optional<transit::trip_idx_t> t1_idx;
  for (std::uint32_t t = 0; t < tt.n_trips(); ++t)
    if (tt.trip_id(transit::trip_idx_t{t}) == "T1") t1_idx = transit::trip_idx_t{t};
  ASSERT_TRUE(t1_idx);
  auto const ab = v->ride(*t1_idx, monday(), 0, 1);
  EXPECT_EQ(ab.departure_delay, 0);
  EXPECT_EQ(ab.arrival_delay, 300);
  EXPECT_EQ(ab.status, ride_status::delayed);
  EXPECT_EQ(v->ride(*t1_idx, tuesday(), 0, 1).status, ride_status::scheduled);
}

// U1 cancelled: T1 + U2 arrive 09:05, dominated by S1 (08:50, one ride): routed around, S1 alone.
TEST(realtime, a_cancelled_trip_is_routed_around) {
  auto u = update("U1");
  u.trip.relationship = trip_relationship::canceled;
  auto const v = applied(feed({u}));
  EXPECT_EQ(v->summary().trips_cancelled, 1U);
  ASSERT_EQ(v->summary().cancelled.size(), 1U);
  EXPECT_EQ(v->summary().cancelled[0], "U1 2024-12-09");
  auto const js = plan(request("A", "D", monday(), hms(7, 55)), v);
  ASSERT_EQ(js.size(), 1U);
  EXPECT_NE(ride(js[0], "S1"), nullptr);
  // C -> D at 08:20: U2 at 08:55 instead of U1 at 08:25.
  auto const cd = plan(request("C", "D", monday(), hms(8, 20)), v);
  ASSERT_EQ(cd.size(), 1U);
  EXPECT_NE(ride(cd[0], "U2"), nullptr);
  EXPECT_EQ(cd[0].arrival, hms(9, 5));
}

// T1 skips B: nobody boards or alights there (T2 instead), A -> C on T1 still works and is on time.
TEST(realtime, a_skipped_stop_is_neither_boarded_nor_alighted_at) {
  auto u = update("T1");
  u.stop_time_updates.push_back(stop("B", std::nullopt, std::nullopt, stop_relationship::skipped));
  auto const v = applied(feed({u}));
  EXPECT_EQ(v->summary().stops_skipped, 1U);
  auto const ab = plan(request("A", "B", monday(), hms(7, 55)), v);
  ASSERT_EQ(ab.size(), 1U);
  EXPECT_NE(ride(ab[0], "T2"), nullptr);
  EXPECT_EQ(ab[0].arrival, hms(8, 40));
  auto const bc = plan(request("B", "C", monday(), hms(8, 0)), v);
  ASSERT_EQ(bc.size(), 1U);
  EXPECT_NE(ride(bc[0], "T2"), nullptr);
  EXPECT_EQ(bc[0].arrival, hms(8, 50));
  auto const ac = plan(request("A", "C", monday(), hms(7, 55)), v);
  ASSERT_EQ(ac.size(), 1U);
  auto const* t1 = ride(ac[0], "T1");
  ASSERT_NE(t1, nullptr);
  EXPECT_EQ(t1->arrival, hms(8, 20));
  EXPECT_EQ(t1->status, ride_status::on_time);
}

// No start_date: T1's update gives an absolute arrival at B of Tuesday 08:12 (2 min late); the feed is from
// Tuesday 07:50. Of the days around it on which T1 runs (Mon 9, Tue 10, Wed 11), Tuesday's 08:10 is closest.
TEST(realtime, the_service_day_is_inferred_without_start_date) {
  auto u = update("T1", "");
  u.stop_time_updates.push_back(stop("B", at(unix_at(tuesday(), hms(8, 12)))));
  auto const v = applied(feed({u}, static_cast<std::uint64_t>(unix_at(tuesday(), hms(7, 50)))));
  EXPECT_EQ(v->summary().days_inferred, 1U);
  ASSERT_EQ(v->instances().size(), 1U);
  EXPECT_EQ(v->instances()[0].day, tuesday());
  auto const tue = plan(request("A", "B", tuesday(), hms(7, 55)), v);
  ASSERT_EQ(tue.size(), 1U);
  EXPECT_EQ(tue[0].arrival, hms(8, 12));
  EXPECT_EQ(ride(tue[0], "T1")->arrival_delay, 120);
  auto const mon = plan(request("A", "B", monday(), hms(7, 55)), v);
  ASSERT_EQ(mon.size(), 1U);
  EXPECT_EQ(mon[0].arrival, hms(8, 10));
  // Only delays (no absolute time): the trip-update timestamp Tuesday 08:05 falls inside Tuesday's run.
  auto w = update("T1", "");
  w.timestamp = static_cast<std::uint64_t>(unix_at(tuesday(), hms(8, 5)));
  w.stop_time_updates.push_back(stop("C", delay(60)));
  auto const v2 = applied(feed({w}, 1));
  ASSERT_EQ(v2->instances().size(), 1U);
  EXPECT_EQ(v2->instances()[0].day, tuesday());
}

// Arrival given as an absolute time, departure missing: the departure takes the arrival's delay (B: 08:18
// both). C's 08:15 would run backwards: its arrival and departure are raised to B's departure, 08:18 (two
// fixes), 2 min before C's scheduled 08:20, so the ride A -> C is early.
TEST(realtime, absolute_times_and_times_that_run_backwards) {
  auto u = update("T1");
  u.stop_time_updates.push_back(stop("B", at(unix_at(monday(), hms(8, 18)))));   // 8 min late
  u.stop_time_updates.push_back(stop("C", at(unix_at(monday(), hms(8, 15)))));   // before B
  auto const v = applied(feed({u}));
  EXPECT_EQ(v->summary().times_fixed, 2U);
  auto const js = plan(request("A", "C", monday(), hms(7, 55)), v);
  ASSERT_EQ(js.size(), 1U);
  auto const* t1 = ride(js[0], "T1");
  ASSERT_NE(t1, nullptr);
  EXPECT_EQ(t1->arrival, hms(8, 18));
  EXPECT_EQ(t1->arrival_delay, -120);
  EXPECT_EQ(t1->status, ride_status::early);
  auto const ab = plan(request("A", "B", monday(), hms(7, 55)), v);
  ASSERT_EQ(ab.size(), 1U);
  EXPECT_EQ(ride(ab[0], "T1")->arrival_delay, 480);
  EXPECT_EQ(ride(ab[0], "T1")->status, ride_status::delayed);
}

// What matched and what did not, every case counted and reported with its entity and field.
TEST(realtime, unknown_trips_and_stops_are_counted_and_reported) {
  std::vector<trip_update> us;
  auto e1 = update("T1");                       // matched
  e1.stop_time_updates.push_back(stop("B", delay(60)));
  us.push_back(e1);
  us.push_back(update("NOPE"));                 // unknown trip
  us.push_back(update("T2", "20241214"));       // Saturday: T2 does not run
  us.push_back(update("U1", "2024-12-09"));     // not YYYYMMDD
  auto e5 = update("U2");                       // matched; 4 stop updates, one applied
  e5.stop_time_updates.push_back(stop("ZZ", delay(60)));   // unknown stop
  e5.stop_time_updates.push_back(stop("A", delay(60)));    // not a stop of U2
  stop_time_update seq_only;
  seq_only.stop_sequence = 2;
  seq_only.arrival = delay(60);
  e5.stop_time_updates.push_back(seq_only);                // stop_sequence alone
  e5.stop_time_updates.push_back(stop("D", delay(60)));    // applied
  us.push_back(e5);
  auto e6 = update("X9");
  e6.trip.relationship = trip_relationship::added;         // not applied
  us.push_back(e6);
  us.push_back(update("T1"));                   // second update for Monday's T1
  auto e8 = update("");
  e8.trip.route_id = "R1";                      // route-wide: no trip_id
  us.push_back(e8);
  auto const v = applied(feed(us));
  auto const& s = v->summary();
  EXPECT_EQ(s.trip_updates, 8U);
  EXPECT_EQ(s.trips_matched, 2U);
  EXPECT_EQ(s.trips_unmatched, 3U);
  EXPECT_EQ(s.trips_not_running, 1U);
  EXPECT_EQ(s.trips_unsupported, 1U);
  EXPECT_EQ(s.trips_duplicate, 1U);
  EXPECT_EQ(s.trips_changed, 2U);
  EXPECT_EQ(s.stop_updates, 5U);
  EXPECT_EQ(s.stops_matched, 2U);
  EXPECT_EQ(s.stops_unmatched, 3U);
  auto const& r = s.report;
  EXPECT_EQ(r.count("unknown_trip_id"), 1U);
  EXPECT_EQ(r.count("trip_not_running"), 1U);
  EXPECT_EQ(r.count("invalid_date"), 1U);
  EXPECT_EQ(r.count("unknown_stop_id"), 1U);
  EXPECT_EQ(r.count("stop_not_on_trip"), 1U);
  EXPECT_EQ(r.count("stop_sequence_only"), 1U);
  EXPECT_EQ(r.count("unsupported_trip"), 1U);
  EXPECT_EQ(r.count("duplicate_trip_update"), 1U);
  EXPECT_EQ(r.count("missing_trip_id"), 1U);
  EXPECT_EQ(r.count("no_trip_matched"), 0U);
  for (auto const& p : r.problems()) {
    EXPECT_EQ(p.file, "test.pb");
    if (p.code == "unknown_trip_id") {
      EXPECT_EQ(p.line, 2U);  // the second entity
      EXPECT_EQ(p.field, "trip_update.trip.trip_id");
      EXPECT_NE(p.message.find("NOPE"), std::string::npos);
    }
    if (p.code == "unknown_stop_id") {
      EXPECT_EQ(p.line, 5U);
      EXPECT_EQ(p.field, "trip_update.stop_time_update[0].stop_id");
    }
  }
  // The matched U2 update still applies: D 1 min late.
  auto const cd = plan(request("C", "D", monday(), hms(8, 50)), v);
  ASSERT_EQ(cd.size(), 1U);
  EXPECT_EQ(cd[0].arrival, hms(9, 6));
}

TEST(realtime, a_feed_for_another_network_is_an_error_in_the_report) {
  auto const v = applied(feed({update("88____:007::1"), update("88____:007::2"), update("88____:007::3")}));
  EXPECT_EQ(v->summary().trips_unmatched, 3U);
  EXPECT_EQ(v->summary().trips_matched, 0U);
  EXPECT_TRUE(v->summary().report.has_errors());
  EXPECT_EQ(v->summary().report.count("no_trip_matched"), 1U);
  // Nothing applied: the static plan.
  EXPECT_EQ(plan(request("A", "D", monday(), hms(7, 55)), v).size(), 2U);
}

TEST(realtime, truncated_and_random_protobuf_are_refused_without_crashing) {
  auto u = update("T1");
  u.stop_time_updates.push_back(stop("C", delay(600)));
  auto const bytes = encode_feed(feed({u, update("U1")}));
  ASSERT_TRUE(parse_feed(bytes));
  std::size_t refused = 0;
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    auto const r = parse_feed(std::string_view{bytes}.substr(0, n), "cut.pb");
    if (!r) {
      ++refused;
      EXPECT_EQ(r.error().code, errc::invalid_format);
      EXPECT_EQ(r.error().file, "cut.pb");
    } else {
      EXPECT_LE(r->trip_updates.size(), 2U);
    }
  }
  // A prefix that ends inside a field cannot parse; only prefixes ending between fields can (few here).
  EXPECT_GT(refused, bytes.size() * 3 / 4);
  EXPECT_FALSE(parse_feed(std::string_view{bytes}.substr(0, bytes.size() - 1)));
  std::mt19937 rng{11};
  for (int i = 0; i < 2000; ++i) {
    std::string junk(rng() % 300, '\0');
    for (auto& c : junk) c = static_cast<char>(rng());
    auto const r = parse_feed(junk, "junk.pb");
    if (!r) EXPECT_EQ(r.error().code, errc::invalid_format);
    else {
      auto v = apply(line_network(), *r);  // whatever parsed applies without crashing
      EXPECT_TRUE(v || v.error().code == errc::unsupported);
    }
  }
  // Not protobuf at all (a zip header), and an empty message (no header).
  EXPECT_EQ(parse_feed("PK\x03\x04 not a feed", "x.zip").error().code, errc::invalid_format);
  EXPECT_EQ(parse_feed("", "empty.pb").error().code, errc::invalid_format);
  EXPECT_EQ(parse_feed("", "empty.pb").error().field, "header");
  EXPECT_EQ(load_feed("/nonexistent/updates.pb").error().code, errc::not_found);
  parse_options small;
  small.max_bytes = 10;
  EXPECT_EQ(parse_feed(bytes, "big.pb", small).error().code, errc::limit_exceeded);
}

TEST(realtime, differential_feeds_are_unsupported) {
  auto m = feed({update("T1")});
  m.differential = true;
  auto const parsed = parse_feed(encode_feed(m));
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->differential);
  auto const v = apply(line_network(), *parsed);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, errc::unsupported);
}

TEST(realtime, the_live_view_swaps_and_old_views_stay_valid) {
  auto l = live::make(line_network());
  ASSERT_TRUE(l) << l.error().to_string();
  EXPECT_EQ((*l)->current(), nullptr);
  auto u = update("U1");
  u.trip.relationship = trip_relationship::canceled;
  ASSERT_TRUE((*l)->update(feed({u})));
  auto const first = (*l)->current();
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->summary().trips_cancelled, 1U);
  ASSERT_TRUE((*l)->update_bytes(encode_feed(feed({})), "empty.pb"));
  auto const second = (*l)->current();
  EXPECT_NE(second, first);
  EXPECT_EQ(second->summary().trips_cancelled, 0U);
  // The first view still answers as it did.
  EXPECT_EQ(plan(request("A", "D", monday(), hms(7, 55)), first).size(), 1U);
  EXPECT_EQ(plan(request("A", "D", monday(), hms(7, 55)), second).size(), 2U);
  // A failed update keeps the current view.
  EXPECT_FALSE((*l)->update_bytes("garbage", "bad.pb"));
  EXPECT_EQ((*l)->current(), second);
}

// Two threads plan A -> D at 07:55 on whatever view is current while a third applies two feeds in turn:
// "cancel" (U1 cancelled: S1 alone, arriving 08:50) and "delay" (T1 10 min late at C: S1 alone too, but T1's
// copy exists) and "none" (empty feed: both journeys, 08:50 and 08:35). Each query's answer must be the
// answer of the one view it took (worked out in the tests above), never a mix.
TEST(realtime, queries_on_two_threads_see_the_old_or_the_new_view_never_a_mix) {
  auto l = live::make(line_network());
  ASSERT_TRUE(l);
  auto cancel = update("U1");
  cancel.trip.relationship = trip_relationship::canceled;
  auto late = update("T1");
  late.stop_time_updates.push_back(stop("C", delay(600)));
  std::string const feeds[3] = {encode_feed(feed({cancel})), encode_feed(feed({late})), encode_feed(feed({}))};
  ASSERT_TRUE((*l)->update_bytes(feeds[2], "none.pb"));
  std::atomic<bool> stop_flag{false};
  std::atomic<int> checked{0}, wrong{0};
  auto const query = [&] {
    routing::query_state qs;
    while (!stop_flag.load()) {
      auto const v = (*l)->current();  // the view this query keeps
      auto r = request("A", "D", monday(), hms(7, 55));
      r.realtime = v;
      auto js = routing::route(line_network(), r, qs);
      if (!js) {
        ++wrong;
        continue;
      }
      std::vector<std::int32_t> arrivals;
      for (auto const& j : *js)
        if (j.rides > 0) arrivals.push_back(j.arrival);
      auto const& src = v->summary().source;
      std::vector<std::int32_t> const want = src == "none.pb" ? std::vector{hms(8, 50), hms(8, 35)}
                                                              : std::vector{hms(8, 50)};
      if (arrivals != want) ++wrong;
      ++checked;
    }
  };
  std::thread q1{query}, q2{query};
  for (int i = 0; i < 60; ++i) {
    static char const* const names[3] = {"cancel.pb", "delay.pb", "none.pb"};
    ASSERT_TRUE((*l)->update_bytes(feeds[i % 3], names[i % 3]));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  while (checked.load() < 50) std::this_thread::yield();
  stop_flag = true;
  q1.join();
  q2.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GE(checked.load(), 50);
}

}  // namespace
}  // namespace kwartier::realtime
