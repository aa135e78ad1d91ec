// Coordinates for maps in China. Positions are kept as WGS-84 (what GPS reports); the map
// apps a rep uses in China (AMap/高德, Baidu's via its own conversion, Tencent) take GCJ-02,
// the offset system Chinese law requires for published maps. The conversion is made here and
// nowhere else. Outside mainland China's bounding box coordinates are left as they are
// (GCJ-02 applies only inside).
#pragma once

namespace fb::platform {

struct LatLng {
    double lat = 0;
    double lng = 0;
};

// Roughly mainland China (the box every GCJ-02 implementation uses).
bool insideChina(LatLng wgs84);
// WGS-84 to GCJ-02 (the published formula on the Krasovsky ellipsoid); accurate to well
// under a metre against the reference implementations.
LatLng wgs84ToGcj02(LatLng wgs84);

}  // namespace fb::platform
