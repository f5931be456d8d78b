"""Reads a TID 1500 SR with pydicom alone, as a system that knows only DICOM PS3.16 would, and prints JSON:
per measurement group (under Imaging Measurements and Qualitative Evaluations) its tracking identifier and UIDs,
time point, values with units and the images its lines were drawn on; plus the Image Library and study fields."""
import json
import sys

import pydicom


def concept(item):
    seq = getattr(item, 'ConceptNameCodeSequence', None)
    return (seq[0].CodeValue, seq[0].CodingSchemeDesignator) if seq else None


def children(item):
    return list(getattr(item, 'ContentSequence', []))


def walk_group(group):
    out = {'trackingId': None, 'trackingUid': None, 'lesionUid': None, 'timePoint': None, 'values': [], 'images': []}
    for c in children(group):
        name = concept(c)
        if name == ('112039', 'DCM'):
            out['trackingId'] = c.TextValue
        elif name == ('112040', 'DCM'):
            out['trackingUid'] = c.UID
        elif name == ('LESUID', '99MRECIST'):
            out['lesionUid'] = c.UID
        elif name == ('126070', 'DCM'):
            out['timePoint'] = c.TextValue
        elif c.ValueType == 'NUM' and name != ('126073', 'DCM'):
            mv = list(c.MeasuredValueSequence)
            value = {'concept': name[0], 'value': float(mv[0].NumericValue) if mv else None,
                     'unit': mv[0].MeasurementUnitsCodeSequence[0].CodeValue if mv else None}
            for s in children(c):
                if s.ValueType == 'SCOORD':
                    for img in children(s):
                        if img.ValueType == 'IMAGE':
                            out['images'].append(img.ReferencedSOPSequence[0].ReferencedSOPInstanceUID)
            out['values'].append(value)
    return out


def main(path):
    ds = pydicom.dcmread(path)
    root = children(ds)
    top = {concept(c): c for c in root}
    groups = []
    for container in (('126010', 'DCM'), ('C0034375', 'UMLS')):
        for g in children(top[container]):
            if concept(g) == ('125007', 'DCM'):
                entry = walk_group(g)
                entry['container'] = container[0]
                groups.append(entry)
    library = [img.ReferencedSOPSequence[0].ReferencedSOPInstanceUID
               for grp in children(top[('111028', 'DCM')]) for img in children(grp) if img.ValueType == 'IMAGE']
    print(json.dumps({'studyId': ds.StudyID, 'studyTime': ds.StudyTime, 'studyDate': ds.StudyDate,
                      'groups': groups, 'imageLibrary': library}))


if __name__ == '__main__':
    main(sys.argv[1])
